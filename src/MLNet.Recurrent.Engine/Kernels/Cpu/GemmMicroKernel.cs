using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// The register-blocked FMA micro-kernel: one <see cref="Rows"/> × (2·lanes) tile of C from a packed A micro-panel
/// and a packed B micro-panel. Written once, generic over the vector width through <see cref="ISimd{TVec}"/>;
/// the JIT specialises it for Vector512 (6×32), Vector256 (6×16), Vector128 (6×8) and scalar (6×2).
/// </summary>
/// <remarks>
/// <para>Packed layouts (see <see cref="GemmPacking"/>): the A micro-panel holds, for each p in [0, kc), the
/// <see cref="Rows"/> values op(A)[i..i+Rows, p]; the B micro-panel holds, for each p, the 2·lanes values
/// op(B)[p, j..j+2·lanes]. Both are zero-padded at the matrix edges, so the kernel never branches on size.</para>
/// <para>Each element of C is computed by the same sequence of operations, acc = fma(a_p, b_p, acc) for p = 0…kc−1
/// followed by one update, whichever tile, thread or vector width it falls in; this is what makes the result
/// independent of the thread count.</para>
/// </remarks>
internal static unsafe class GemmMicroKernel
{
    /// <summary>MR: rows of C per micro-tile.</summary>
    public const int Rows = 6;

    /// <summary>Vectors per micro-tile row; NR = VectorsPerRow · lanes.</summary>
    public const int VectorsPerRow = 2;

    /// <summary>NR for a given vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Columns<TSimd, TVec>()
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => VectorsPerRow * TSimd.Lanes;

    /// <summary>
    /// Computes acc = Apanel·Bpanel (kc terms) and updates the Rows × NR tile at <paramref name="c"/>:
    /// C ← α·acc when <paramref name="overwrite"/> (old C is not read), otherwise C ← α·acc + β·C.
    /// </summary>
    /// <param name="kc">The depth of the panels.</param>
    /// <param name="a">Packed A micro-panel, Rows·kc floats.</param>
    /// <param name="b">Packed B micro-panel, NR·kc floats.</param>
    /// <param name="c">Top-left of the C tile; the whole Rows × NR tile must be writable.</param>
    /// <param name="ldc">Row stride of C in floats.</param>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β (ignored when <paramref name="overwrite"/>).</param>
    /// <param name="overwrite">Whether to ignore the old contents of C.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TSimd, TVec>(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, bool overwrite)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        nint w = TSimd.Lanes;
        if (!overwrite)
        {
            // C is read only after the kc loop; start fetching it now (it is often far away when k spans several blocks).
            PrefetchTile(c, ldc, VectorsPerRow * w);
        }
        TVec c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TVec c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;

        // Unrolled by four: the loop overhead is a third of the instructions of one step otherwise.
        int p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            Step<TSimd, TVec>(a, b, w, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step<TSimd, TVec>(a + Rows, b + 2 * w, w, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step<TSimd, TVec>(a + 2 * Rows, b + 4 * w, w, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            Step<TSimd, TVec>(a + 3 * Rows, b + 6 * w, w, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a += 4 * Rows;
            b += 8 * w;
        }
        for (; p < kc; p++)
        {
            Step<TSimd, TVec>(a, b, w, ref c00, ref c01, ref c10, ref c11, ref c20, ref c21, ref c30, ref c31, ref c40, ref c41, ref c50, ref c51);
            a += Rows;
            b += 2 * w;
        }

        TVec va = TSimd.Broadcast(alpha);
        if (overwrite)
        {
            Overwrite<TSimd, TVec>(c, w, va, c00, c01);
            Overwrite<TSimd, TVec>(c + ldc, w, va, c10, c11);
            Overwrite<TSimd, TVec>(c + 2 * ldc, w, va, c20, c21);
            Overwrite<TSimd, TVec>(c + 3 * ldc, w, va, c30, c31);
            Overwrite<TSimd, TVec>(c + 4 * ldc, w, va, c40, c41);
            Overwrite<TSimd, TVec>(c + 5 * ldc, w, va, c50, c51);
        }
        else
        {
            TVec vb = TSimd.Broadcast(beta);
            Accumulate<TSimd, TVec>(c, w, va, vb, c00, c01);
            Accumulate<TSimd, TVec>(c + ldc, w, va, vb, c10, c11);
            Accumulate<TSimd, TVec>(c + 2 * ldc, w, va, vb, c20, c21);
            Accumulate<TSimd, TVec>(c + 3 * ldc, w, va, vb, c30, c31);
            Accumulate<TSimd, TVec>(c + 4 * ldc, w, va, vb, c40, c41);
            Accumulate<TSimd, TVec>(c + 5 * ldc, w, va, vb, c50, c51);
        }
    }

    /// <summary>One rank-1 update of the tile: acc[r, ·] += a[r] · b[·] for the Rows values at a and the NR values at b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TSimd, TVec>(float* a, float* b, nint w,
        ref TVec c00, ref TVec c01, ref TVec c10, ref TVec c11, ref TVec c20, ref TVec c21,
        ref TVec c30, ref TVec c31, ref TVec c40, ref TVec c41, ref TVec c50, ref TVec c51)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        TVec b0 = TSimd.Load(b);
        TVec b1 = TSimd.Load(b + w);
        TVec ai = TSimd.Broadcast(a[0]);
        c00 = TSimd.MultiplyAdd(ai, b0, c00);
        c01 = TSimd.MultiplyAdd(ai, b1, c01);
        ai = TSimd.Broadcast(a[1]);
        c10 = TSimd.MultiplyAdd(ai, b0, c10);
        c11 = TSimd.MultiplyAdd(ai, b1, c11);
        ai = TSimd.Broadcast(a[2]);
        c20 = TSimd.MultiplyAdd(ai, b0, c20);
        c21 = TSimd.MultiplyAdd(ai, b1, c21);
        ai = TSimd.Broadcast(a[3]);
        c30 = TSimd.MultiplyAdd(ai, b0, c30);
        c31 = TSimd.MultiplyAdd(ai, b1, c31);
        ai = TSimd.Broadcast(a[4]);
        c40 = TSimd.MultiplyAdd(ai, b0, c40);
        c41 = TSimd.MultiplyAdd(ai, b1, c41);
        ai = TSimd.Broadcast(a[5]);
        c50 = TSimd.MultiplyAdd(ai, b0, c50);
        c51 = TSimd.MultiplyAdd(ai, b1, c51);
    }

    /// <summary>Asks for the Rows × <paramref name="columns"/> tile at <paramref name="c"/> to be brought into L1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchTile(float* c, nint ldc, nint columns)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        for (int r = 0; r < Rows; r++, c += ldc)
        {
            // Every cache line the row touches: from its first float to its last, in 64-byte steps.
            for (nint offset = 0; offset < columns; offset += 16)
            {
                Sse.Prefetch0(c + offset);
            }
            Sse.Prefetch0(c + columns - 1);
        }
    }

    /// <summary>c ← α·acc for one tile row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Overwrite<TSimd, TVec>(float* c, nint w, TVec alpha, TVec acc0, TVec acc1)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        TSimd.Store(c, TSimd.Multiply(alpha, acc0));
        TSimd.Store(c + w, TSimd.Multiply(alpha, acc1));
    }

    /// <summary>c ← α·acc + β·c for one tile row (β = 1 is exact: β·c = c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TSimd, TVec>(float* c, nint w, TVec alpha, TVec beta, TVec acc0, TVec acc1)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        TSimd.Store(c, TSimd.MultiplyAdd(alpha, acc0, TSimd.Multiply(beta, TSimd.Load(c))));
        TSimd.Store(c + w, TSimd.MultiplyAdd(alpha, acc1, TSimd.Multiply(beta, TSimd.Load(c + w))));
    }
}
