using MLNet.Recurrent.Engine.Tests.Testing;
using System.Runtime.Intrinsics;
using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Engine.Tests.Kernels;

/// <summary>Gemm against a naive double-precision reference over transposes, shapes, strides, α and β.</summary>
[Collection(SequentialGlobalStateCollection.Name)]
public class GemmCorrectnessTests
{
    private static readonly int[] Sizes = [0, 1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 65, 127, 300];
    private static readonly float[] Alphas = [1f, 0.5f, 0f];
    private static readonly float[] Betas = [0f, 1f, -0.5f];

    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Multiply_MatchesDoubleReference_OverEveryShapeCombination(bool transposeA, bool transposeB)
    {
        var random = new Random(1234 + (transposeA ? 2 : 0) + (transposeB ? 1 : 0));
        int index = 0;
        foreach (int m in Sizes)
        {
            foreach (int n in Sizes)
            {
                foreach (int k in Sizes)
                {
                    float alpha = Alphas[index % 3];
                    float beta = Betas[index / 3 % 3];
                    int pad = index / 9 % 3 * 3; // 0, 3 or 6 extra floats per row
                    GemmCase.Create(random, transposeA, transposeB, m, n, k, alpha, beta, pad).AssertMatchesReference();
                    index++;
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(512)]
    public void Multiply_EveryVectorWidth_MatchesDoubleReference(int bits)
    {
        var width = (GemmVectorWidth)bits;
        // Vector512 is emulated (slowly) where it is not accelerated: keep its shapes small there.
        int[] sizes = width == GemmVectorWidth.Vector512 && !Vector512.IsHardwareAccelerated
            ? [1, 5, 6, 7, 31, 32, 33, 70]
            : [1, 2, 5, 6, 7, 15, 16, 17, 31, 32, 33, 65, 130];
        var random = new Random((int)width);
        Gemm.ForcedVectorWidth = width;
        try
        {
            int index = 0;
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                {
                    foreach (int m in sizes)
                    {
                        foreach (int n in sizes)
                        {
                            int k = sizes[(index * 7 + m + n) % sizes.Length];
                            float beta = index % 2 == 0 ? 0f : -0.5f;
                            GemmCase.Create(random, transposeA, transposeB, m, n, k, 0.5f, beta, index % 3).AssertMatchesReference();
                            index++;
                        }
                    }
                }
            }
        }
        finally
        {
            Gemm.ForcedVectorWidth = GemmVectorWidth.Auto;
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Multiply_LargeShapesCrossingEveryBlockBoundary_MatchDoubleReference(bool transposeA, bool transposeB)
    {
        // 513 rows > MC, 517 columns, 519 deep > KC: several blocks along every dimension, ragged edges everywhere.
        var random = new Random(99);
        GemmCase.Create(random, transposeA, transposeB, 513, 517, 519, 0.5f, -0.5f, pad: 5).AssertMatchesReference();
        GemmCase.Create(random, transposeA, transposeB, 300, 4200, 70, 1f, 0f, pad: 0).AssertMatchesReference();
    }

    [Fact]
    public void Multiply_AlphaZero_ScalesCWithoutReadingAOrB()
    {
        float[] a = [float.NaN, float.NaN, float.NaN, float.NaN];
        float[] b = [float.PositiveInfinity, float.NaN, float.NaN, float.NaN];
        float[] c = [1, 2, 3, 4];
        Gemm.Multiply(false, false, 2, 2, 2, 0f, a, 2, b, 2, -0.5f, c, 2);
        Assert.Equal(new[] { -0.5f, -1f, -1.5f, -2f }, c);
    }

    [Fact]
    public void Multiply_KZeroAndBetaZero_ClearsNaNInC()
    {
        float[] c = [float.NaN, 2, float.NaN, float.PositiveInfinity, 5, 6];
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 0, [], 2, 0f, c, 3);
        Assert.Equal(new[] { 0f, 0f, float.NaN, 0f, 0f, 6f }, c);
    }

    [Fact]
    public void Multiply_BetaZero_IgnoresNaNAndInfinityInC()
    {
        var random = new Random(5);
        var @case = GemmCase.Create(random, false, true, 40, 70, 33, 1f, 0f, pad: 2);
        for (int i = 0; i < @case.M; i++)
        {
            @case.C.AsSpan(i * @case.Ldc, @case.N).Fill(i % 2 == 0 ? float.PositiveInfinity : float.NaN);
        }
        @case.AssertMatchesReference();
    }

    [Fact]
    public void Multiply_PropagatesNaNFromOperands()
    {
        float[] a = [1, float.NaN];
        float[] b = [1, 2, 3, 4];
        float[] c = new float[2];
        Gemm.Multiply(false, false, 1, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        Assert.All(c, value => Assert.True(float.IsNaN(value)));
    }

    [Fact]
    public void Multiply_FromManyThreadsAtOnce_GivesCorrectResults()
    {
        // Concurrent callers contend for the worker pool; the losers run on their own thread.
        var cases = Enumerable.Range(0, 8)
            .Select(i => GemmCase.Create(new Random(i), i % 2 == 1, i % 3 == 0, 200 + i, 190, 150, 1f, 0.5f, pad: 1))
            .ToArray();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, @case => @case.AssertMatchesReference());
    }

    [Theory]
    [InlineData(32, 256, 64, 0)]   // one small recurrent step: single-threaded
    [InlineData(64, 1024, 256, 2)] // a larger step, split between the caller and a worker
    public void Multiply_InSteadyState_AllocatesNothingOnTheCallingThread(int m, int n, int k, int threads)
    {
        var @case = GemmCase.Create(new Random(3), false, true, m, n, k, 1f, 1f, pad: 0);
        Gemm.ForcedThreadCount = threads;
        try
        {
            @case.Run();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                @case.Run();
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            Gemm.ForcedThreadCount = 0;
        }
    }
}

/// <summary>One randomly filled GEMM problem and its double-precision reference.</summary>
internal sealed class GemmCase
{
    private GemmCase(bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta,
        float[] a, int lda, float[] b, int ldb, float[] c, int ldc)
    {
        (TransposeA, TransposeB, M, N, K, Alpha, Beta) = (transposeA, transposeB, m, n, k, alpha, beta);
        (A, Lda, B, Ldb, C, Ldc) = (a, lda, b, ldb, c, ldc);
        InitialC = (float[])c.Clone();
    }

    public bool TransposeA { get; }
    public bool TransposeB { get; }
    public int M { get; }
    public int N { get; }
    public int K { get; }
    public float Alpha { get; }
    public float Beta { get; }
    public float[] A { get; }
    public int Lda { get; }
    public float[] B { get; }
    public int Ldb { get; }
    public float[] C { get; }
    public int Ldc { get; }
    public float[] InitialC { get; }

    /// <summary>
    /// Random A and B in [−1, 1]; C random too, or NaN when β = 0 (it must be ignored). Every row stride is the row
    /// length plus <paramref name="pad"/>; the padding holds NaN, which must never reach the result.
    /// </summary>
    public static GemmCase Create(Random random, bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, float beta, int pad)
    {
        (int aRows, int aColumns) = transposeA ? (k, m) : (m, k);
        (int bRows, int bColumns) = transposeB ? (n, k) : (k, n);
        int lda = aColumns + pad, ldb = bColumns + pad, ldc = n + pad;
        float[] a = Fill(random, aRows, aColumns, lda);
        float[] b = Fill(random, bRows, bColumns, ldb);
        float[] c = Fill(random, m, n, ldc);
        if (beta == 0f)
        {
            for (int i = 0; i < m; i++)
            {
                c.AsSpan(i * ldc, n).Fill(float.NaN);
            }
        }
        return new GemmCase(transposeA, transposeB, m, n, k, alpha, beta, a, lda, b, ldb, c, ldc);
    }

    public void Run() => Gemm.Multiply(TransposeA, TransposeB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, C, Ldc);

    /// <summary>Runs Gemm and checks every element against the reference, and that C's padding is untouched.</summary>
    public void AssertMatchesReference()
    {
        Run();
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < K; p++)
                {
                    double product = (double)ElementA(i, p) * ElementB(p, j);
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                double c0 = InitialC[i * Ldc + j];
                double expected = Alpha * sum + (Beta == 0f ? 0 : Beta * c0);
                double tolerance = 4e-7 * (K + 4) * (Math.Abs(Alpha) * magnitude + Math.Abs(Beta * (Beta == 0f ? 0 : c0))) + 1e-30;
                float actual = C[i * Ldc + j];
                if (!(Math.Abs(actual - expected) <= tolerance))
                {
                    Assert.Fail($"{Describe()}: C[{i},{j}] = {actual}, expected {expected} ± {tolerance:G3}.");
                }
            }
            for (int j = N; j < Ldc && i * Ldc + j < C.Length; j++)
            {
                Assert.True(C[i * Ldc + j].Equals(InitialC[i * Ldc + j]), $"{Describe()}: padding C[{i},{j}] was written.");
            }
        }
    }

    public string Describe()
        => $"m={M} n={N} k={K} transposeA={TransposeA} transposeB={TransposeB} α={Alpha} β={Beta} lda={Lda} ldb={Ldb} ldc={Ldc}";

    private float ElementA(int i, int p) => TransposeA ? A[p * Lda + i] : A[i * Lda + p];

    private float ElementB(int p, int j) => TransposeB ? B[j * Ldb + p] : B[p * Ldb + j];

    private static float[] Fill(Random random, int rows, int columns, int stride)
    {
        var data = new float[rows == 0 ? 0 : (rows - 1) * stride + columns + (stride - columns)];
        Array.Fill(data, float.NaN);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < columns; j++)
            {
                data[r * stride + j] = (float)(random.NextDouble() * 2 - 1);
            }
        }
        return data;
    }
}
