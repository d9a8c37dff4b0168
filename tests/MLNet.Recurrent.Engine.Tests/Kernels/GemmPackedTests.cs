using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Engine.Tests.Kernels;

/// <summary>Gemm.PackB + Gemm.MultiplyPacked (B packed once, reused) against Gemm.Multiply: the same bits.</summary>
public unsafe class GemmPackedTests
{
    public static TheoryData<bool, bool, int, int, int, float> Shapes => new()
    {
        // transposeA, transposeB, m, n, k, β
        { false, true, 32, 256, 64, 0f },     // one recurrent step, h·W_hhᵀ
        { false, false, 20, 650, 2600, 0f },  // one backward step, ∂ĥ·W_hh (k spans several depth blocks)
        { false, true, 7, 33, 513, 1f },      // edges everywhere
        { true, false, 5, 17, 1, -0.5f },
        { false, true, 1, 1, 1, 0f },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyPacked_IsBitIdenticalToMultiply_AtEveryWidthAndThreadCount(bool transposeA, bool transposeB, int m, int n, int k, float beta)
    {
        foreach (GemmVectorWidth width in new[] { GemmVectorWidth.Scalar, GemmVectorWidth.Vector128, GemmVectorWidth.Vector256, Gemm.DefaultVectorWidth })
        {
            foreach (int threads in new[] { 1, 0 })
            {
                var expected = GemmCase.Create(new Random(5), transposeA, transposeB, m, n, k, 0.75f, beta, pad: 2);
                var actual = GemmCase.Create(new Random(5), transposeA, transposeB, m, n, k, 0.75f, beta, pad: 2);
                Gemm.ForcedVectorWidth = width;
                try
                {
                    expected.Run();
                    float[] packed = new float[Gemm.PackedBLength(n, k, width) + 1];
                    packed[^1] = 12345f;
                    Gemm.PackB(transposeB, n, k, actual.B, actual.Ldb, packed, width);
                    Assert.Equal(12345f, packed[^1]);
                    fixed (float* a = actual.A, p = packed, c = actual.C)
                    {
                        Gemm.MultiplyPacked(transposeA, m, n, k, actual.Alpha, a, actual.Lda, p, actual.Beta, c, actual.Ldc, width, threads);
                    }
                }
                finally
                {
                    Gemm.ForcedVectorWidth = GemmVectorWidth.Auto;
                }
                Assert.True(expected.C.AsSpan().SequenceEqual(actual.C), $"{expected.Describe()} at {width}, threads {threads}: packed B differs.");
            }
        }
    }

    [Fact]
    public void PackB_RejectsAShortDestination()
    {
        float[] b = new float[4 * 8];
        Assert.Throws<ArgumentException>(() => Gemm.PackB(false, 8, 4, b, 8, new float[10], GemmVectorWidth.Vector256));
    }
}
