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
            Dispatch(&problem, CurrentVectorWidth, t_forcedThreads);
        }
    }

    /// <summary>The width calls made on this thread run at: the forced width, else <see cref="DefaultVectorWidth"/>.</summary>
    internal static GemmVectorWidth CurrentVectorWidth => t_forcedWidth == GemmVectorWidth.Auto ? DefaultVectorWidth : t_forcedWidth;

    /// <summary>How many floats op(B) (k×n) takes once packed by <see cref="PackB(bool, int, int, ReadOnlySpan{float}, int, Span{float}, GemmVectorWidth)"/> for <paramref name="width"/>.</summary>
    /// <param name="n">Columns of op(B); ≥ 0.</param>
    /// <param name="k">Rows of op(B); ≥ 0.</param>
    /// <param name="width">The width the products will run at (not <see cref="GemmVectorWidth.Auto"/>).</param>
    /// <returns>⌈n/NR⌉·NR·k.</returns>
    public static int PackedBLength(int n, int k, GemmVectorWidth width)
    {
        int nr = ColumnsPerTile(width);
        return GemmBlocking.CeilDiv(n, nr) * nr * k;
    }

    /// <summary>
    /// Packs op(B) (k×n) once into the micro-panel layout of every depth block, for repeated products
    /// (<see cref="MultiplyPacked"/>) with different A: a recurrent layer's weights, reused at every time step.
    /// </summary>
    /// <param name="transposeB">Whether B is stored n×k (op(B) = Bᵀ).</param>
    /// <param name="n">Columns of op(B).</param>
    /// <param name="k">Rows of op(B).</param>
    /// <param name="b">B, row-major with row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B.</param>
    /// <param name="packed">At least <see cref="PackedBLength"/> floats.</param>
    /// <param name="width">The width the products will run at (not <see cref="GemmVectorWidth.Auto"/>).</param>
    /// <remarks>Layout: the depth block of kc rows starting at row pc (k is split as <see cref="GemmDriver"/> splits it)
    /// starts at pc·⌈n/NR⌉·NR and holds the ⌈n/NR⌉ micro-panels of NR·kc floats that
    /// <see cref="GemmPacking.PackB{TSimd, TVec}"/> writes.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">n or k is negative, or ldb is shorter than a row.</exception>
    /// <exception cref="ArgumentException">b or packed is too short.</exception>
    public static void PackB(bool transposeB, int n, int k, ReadOnlySpan<float> b, int ldb, Span<float> packed, GemmVectorWidth width)
    {
        Validate(false, transposeB, 0, n, k, 0, Math.Max(k, 1), b.Length, ldb, 0, Math.Max(n, 1));
        int length = PackedBLength(n, k, width);
        if (packed.Length < length)
        {
            ThrowHelper.Argument(nameof(packed), $"expected at least {length} floats for a packed {k}×{n} matrix, got {packed.Length}.");
        }
        if (n == 0 || k == 0)
        {
            return;
        }
        fixed (float* pb = b, pp = packed)
        {
            PackB(transposeB, n, k, pb, ldb, pp, width);
        }
    }

    /// <summary><see cref="PackB(bool, int, int, ReadOnlySpan{float}, int, Span{float}, GemmVectorWidth)"/> on raw pointers, unchecked.</summary>
    internal static void PackB(bool transposeB, int n, int k, float* b, nint ldb, float* packed, GemmVectorWidth width)
    {
        switch (width)
        {
            case GemmVectorWidth.Vector512: PackWhole<Simd512, Vector512<float>>(transposeB, n, k, b, ldb, packed); break;
            case GemmVectorWidth.Vector256: PackWhole<Simd256, Vector256<float>>(transposeB, n, k, b, ldb, packed); break;
            case GemmVectorWidth.Vector128: PackWhole<Simd128, Vector128<float>>(transposeB, n, k, b, ldb, packed); break;
            default: PackWhole<SimdScalar, float>(transposeB, n, k, b, ldb, packed); break;
        }
    }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C with op(B) packed by <see cref="PackB(bool, int, int, float*, nint, float*, GemmVectorWidth)"/>
    /// for the same n, k and <paramref name="width"/>; gives the same bits as <see cref="Multiply"/>. Unchecked: the
    /// caller (the recurrent kernel) owns and sizes every buffer. <c>threads</c> = 1 runs on the calling thread only;
    /// 0 lets the problem size decide, as <see cref="Multiply"/> does.
    /// </summary>
    internal static void MultiplyPacked(bool transposeA, int m, int n, int k, float alpha, float* a, nint lda,
        float* packedB, float beta, float* c, nint ldc, GemmVectorWidth width, int threads)
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        if (alpha == 0f || k == 0)
        {
            Scale(m, n, beta, new Span<float>(c, (int)((m - 1) * ldc + n)), (int)ldc);
            return;
        }
        var problem = new GemmProblem
        {
            A = a, PackedB = packedB, C = c, Lda = lda, Ldc = ldc, M = m, N = n, K = k,
            Alpha = alpha, Beta = beta, TransposeA = transposeA,
        };
        Dispatch(&problem, width, threads);
    }

    private static void Dispatch(GemmProblem* problem, GemmVectorWidth width, int threads)
    {
        switch (width)
        {
            case GemmVectorWidth.Vector512: Run<Simd512, Vector512<float>>(problem, threads); break;
            case GemmVectorWidth.Vector256: Run<Simd256, Vector256<float>>(problem, threads); break;
            case GemmVectorWidth.Vector128: Run<Simd128, Vector128<float>>(problem, threads); break;
            default: Run<SimdScalar, float>(problem, threads); break;
        }
    }

    private static void Run<TSimd, TVec>(GemmProblem* problem, int forcedThreads)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        int threads;
        (threads, problem->GridRows, problem->GridColumns) = GemmBlocking.Plan(problem->M, problem->N, problem->K, nr, forcedThreads);
        GemmThreadPool.Run(problem->GridRows * problem->GridColumns, threads, &GemmDriver.RunPart<TSimd, TVec>, problem);
    }

    private static void PackWhole<TSimd, TVec>(bool transposeB, int n, int k, float* b, nint ldb, float* packed)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        nint paddedN = (nint)GemmBlocking.CeilDiv(n, nr) * nr;
        int kBlocks = GemmBlocking.CeilDiv(k, GemmBlocking.Kc);
        int pc = 0;
        for (int kb = 0; kb < kBlocks; kb++)
        {
            int kc = k / kBlocks + (kb < k % kBlocks ? 1 : 0);
            GemmPacking.PackB<TSimd, TVec>(transposeB, b, ldb, pc, kc, 0, n, packed + pc * paddedN);
            pc += kc;
        }
    }

    private static int ColumnsPerTile(GemmVectorWidth width) => GemmMicroKernel.VectorsPerRow * width switch
    {
        GemmVectorWidth.Vector512 => Vector512<float>.Count,
        GemmVectorWidth.Vector256 => Vector256<float>.Count,
        GemmVectorWidth.Vector128 => Vector128<float>.Count,
        _ => 1,
    };

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
