using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// Single-precision general matrix multiply, row-major: C ← α·op(A)·op(B) + β·C.
/// </summary>
/// <remarks>
/// <para>Cache-blocked with packed panels (<see cref="GemmDriver"/>, <see cref="GemmPacking"/>), an FMA
/// register-blocked micro-kernel written once for every vector width (<see cref="GemmMicroKernel"/>), and split
/// across cores for large enough problems (<see cref="GemmThreadPool"/>). Packing buffers are per thread and
/// reused, so steady-state calls allocate nothing.</para>
/// <para>Determinism: every element of C is computed by the same sequence of operations whatever the thread count,
/// so results are bit-identical for 1, 2 or more threads (and, on one machine, for every vector width).</para>
/// </remarks>
internal static unsafe class Gemm
{
    [ThreadStatic]
    private static GemmVectorWidth t_forcedWidth;

    [ThreadStatic]
    private static int t_forcedThreads;

    /// <summary>The width <see cref="GemmVectorWidth.Auto"/> resolves to on this machine.</summary>
    internal static GemmVectorWidth DefaultVectorWidth { get; } =
        Vector512.IsHardwareAccelerated ? GemmVectorWidth.Vector512
        : Vector256.IsHardwareAccelerated ? GemmVectorWidth.Vector256
        : Vector128.IsHardwareAccelerated ? GemmVectorWidth.Vector128
        : GemmVectorWidth.Scalar;

    /// <summary>For tests and benchmarks: forces the micro-kernel width on the calling thread (Auto = the default).</summary>
    internal static GemmVectorWidth ForcedVectorWidth
    {
        get => t_forcedWidth;
        set => t_forcedWidth = value;
    }

    /// <summary>For tests and benchmarks: forces the thread count of calls made on this thread (0 = automatic).</summary>
    internal static int ForcedThreadCount
    {
        get => t_forcedThreads;
        set => t_forcedThreads = value;
    }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C, row-major, where op(A) is m×k and op(B) is k×n.
    /// </summary>
    /// <param name="transposeA">Whether A is stored k×m (op(A) = Aᵀ) instead of m×k.</param>
    /// <param name="transposeB">Whether B is stored n×k (op(B) = Bᵀ) instead of k×n.</param>
    /// <param name="m">Rows of op(A) and C; ≥ 0.</param>
    /// <param name="n">Columns of op(B) and C; ≥ 0.</param>
    /// <param name="k">Columns of op(A), rows of op(B); ≥ 0.</param>
    /// <param name="alpha">α. When α = 0 or k = 0, A and B are not read and C ← β·C.</param>
    /// <param name="a">A, row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A; ≥ k (≥ m when <paramref name="transposeA"/>).</param>
    /// <param name="b">B, row-major with row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B; ≥ n (≥ k when <paramref name="transposeB"/>).</param>
    /// <param name="beta">β. When β = 0, C is overwritten and its old contents (even NaN) are ignored.</param>
    /// <param name="c">C (m×n), row-major with row stride <paramref name="ldc"/>.</param>
    /// <param name="ldc">Row stride of C; ≥ n.</param>
    /// <exception cref="ArgumentOutOfRangeException">m, n or k is negative, or a row stride is shorter than its row.</exception>
    /// <exception cref="ArgumentException">a, b or c is shorter than its matrix.</exception>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }
        if (alpha == 0f || k == 0)
        {
            Scale(m, n, beta, c, ldc);
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var problem = new GemmProblem
            {
                A = pa, B = pb, C = pc, Lda = lda, Ldb = ldb, Ldc = ldc, M = m, N = n, K = k,
                Alpha = alpha, Beta = beta, TransposeA = transposeA, TransposeB = transposeB,
            };
            GemmVectorWidth width = t_forcedWidth == GemmVectorWidth.Auto ? DefaultVectorWidth : t_forcedWidth;
            switch (width)
            {
                case GemmVectorWidth.Vector512: Run<GemmSimd512, Vector512<float>>(&problem); break;
                case GemmVectorWidth.Vector256: Run<GemmSimd256, Vector256<float>>(&problem); break;
                case GemmVectorWidth.Vector128: Run<GemmSimd128, Vector128<float>>(&problem); break;
                default: Run<GemmSimdScalar, float>(&problem); break;
            }
        }
    }

    private static void Run<TSimd, TVec>(GemmProblem* problem)
        where TSimd : struct, IGemmSimd<TVec>
        where TVec : unmanaged
    {
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        int threads;
        (threads, problem->GridRows, problem->GridColumns) = GemmBlocking.Plan(problem->M, problem->N, problem->K, nr, t_forcedThreads);
        GemmThreadPool.Run(problem->GridRows * problem->GridColumns, threads, &GemmDriver.RunPart<TSimd, TVec>, problem);
    }

    /// <summary>C ← β·C (β = 0 clears, ignoring NaN).</summary>
    private static void Scale(int m, int n, float beta, Span<float> c, int ldc)
    {
        if (beta == 1f)
        {
            return;
        }
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    private static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0)
        {
            ThrowHelper.OutOfRange(nameof(m), m, "m ≥ 0");
        }
        if (n < 0)
        {
            ThrowHelper.OutOfRange(nameof(n), n, "n ≥ 0");
        }
        if (k < 0)
        {
            ThrowHelper.OutOfRange(nameof(k), k, "k ≥ 0");
        }
        CheckMatrix("a", "lda", transposeA ? k : m, transposeA ? m : k, transposeA ? "k×m (transposeA)" : "m×k", aLength, lda);
        CheckMatrix("b", "ldb", transposeB ? n : k, transposeB ? k : n, transposeB ? "n×k (transposeB)" : "k×n", bLength, ldb);
        CheckMatrix("c", "ldc", m, n, "m×n", cLength, ldc);
    }

    private static void CheckMatrix(string name, string strideName, int rows, int columns, string layout, int length, int stride)
    {
        if (stride < columns)
        {
            ThrowHelper.OutOfRange(strideName, stride, $"{strideName} ≥ {columns} (the row length of {name}, stored {layout} = {rows}×{columns})");
        }
        long required = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * stride + columns;
        if (length < required)
        {
            ThrowHelper.Argument(name, $"expected at least {required} elements for a {rows}×{columns} matrix (stored {layout}) with row stride {strideName} = {stride}, got {length}.");
        }
    }
}
