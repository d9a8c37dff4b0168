using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded micro-panel layouts that
/// <see cref="GemmMicroKernel"/> reads. The transposes are resolved here, so the kernel sees one layout.
/// </summary>
/// <remarks>
/// Packed A (mc × kc block): ⌈mc/MR⌉ micro-panels of MR·kc floats; panel q holds, for p = 0…kc−1, the MR values
/// op(A)[i₀+q·MR+r, p₀+p], r = 0…MR−1 (zero beyond the last row).
/// Packed B (kc × nc block): ⌈nc/NR⌉ micro-panels of NR·kc floats; panel q holds, for p = 0…kc−1, the NR values
/// op(B)[p₀+p, j₀+q·NR+j], j = 0…NR−1 (zero beyond the last column).
/// </remarks>
internal static unsafe class GemmPacking
{
    private const int MR = GemmMicroKernel.Rows;

    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc] into <paramref name="destination"/> (⌈mc/MR⌉·MR·kc floats).</summary>
    public static void PackA(bool transposeA, float* a, nint lda, int i0, int mc, int p0, int kc, float* destination)
    {
        if (transposeA)
        {
            PackATransposed(a, lda, i0, mc, p0, kc, destination);
            return;
        }
        for (int q = 0; q < mc; q += MR)
        {
            int rows = Math.Min(MR, mc - q);
            float* panel = destination + (nint)q * kc;
            if (rows == MR)
            {
                // op(A)[i, p] = a[i·lda + p]: interleave MR rows, eight p at a time by an 8×8 transpose where AVX is.
                float* r0 = a + (nint)(i0 + q) * lda + p0;
                float* r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
                int p = 0;
                if (Avx.IsSupported)
                {
                    for (; p + 8 <= kc; p += 8, panel += 8 * MR)
                    {
                        Vector256<float> x0 = Avx.LoadVector256(r0 + p), x1 = Avx.LoadVector256(r1 + p);
                        Vector256<float> x2 = Avx.LoadVector256(r2 + p), x3 = Avx.LoadVector256(r3 + p);
                        Vector256<float> x4 = Avx.LoadVector256(r4 + p), x5 = Avx.LoadVector256(r5 + p);
                        Vector256<float> x6 = Vector256<float>.Zero, x7 = Vector256<float>.Zero;
                        Transpose8x8(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7);
                        StoreSix(panel, x0);
                        StoreSix(panel + MR, x1);
                        StoreSix(panel + 2 * MR, x2);
                        StoreSix(panel + 3 * MR, x3);
                        StoreSix(panel + 4 * MR, x4);
                        StoreSix(panel + 5 * MR, x5);
                        StoreSix(panel + 6 * MR, x6);
                        StoreSix(panel + 7 * MR, x7);
                    }
                }
                for (; p < kc; p++, panel += MR)
                {
                    panel[0] = r0[p];
                    panel[1] = r1[p];
                    panel[2] = r2[p];
                    panel[3] = r3[p];
                    panel[4] = r4[p];
                    panel[5] = r5[p];
                }
            }
            else
            {
                for (int r = 0; r < MR; r++)
                {
                    float* src = a + (nint)(i0 + q + r) * lda + p0;
                    for (int p = 0; p < kc; p++)
                    {
                        panel[p * MR + r] = r < rows ? src[p] : 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// PackA when A is stored k×m: op(A)[i, p] = a[p·lda + i]. Row p of the stored block is contiguous and feeds MR
    /// values to every micro-panel, so it is read once, in order, and scattered to the panels.
    /// </summary>
    private static void PackATransposed(float* a, nint lda, int i0, int mc, int p0, int kc, float* destination)
    {
        int fullRows = mc / MR * MR;
        nint panelStride = (nint)MR * kc;
        float* src = a + (nint)p0 * lda + i0;
        for (int p = 0; p < kc; p++, src += lda)
        {
            float* panel = destination + (nint)p * MR;
            int q = 0;
            for (; q < fullRows; q += MR, panel += panelStride)
            {
                Unsafe.CopyBlockUnaligned(panel, src + q, MR * sizeof(float));
            }
            if (q < mc)
            {
                int r = 0;
                for (; q + r < mc; r++)
                {
                    panel[r] = src[q + r];
                }
                for (; r < MR; r++)
                {
                    panel[r] = 0f;
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc] into <paramref name="destination"/> (⌈nc/NR⌉·NR·kc floats).</summary>
    public static void PackB<TSimd, TVec>(bool transposeB, float* b, nint ldb, int p0, int kc, int j0, int nc, float* destination)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        for (int q = 0; q < nc; q += nr)
        {
            int cols = Math.Min(nr, nc - q);
            float* panel = destination + (nint)q * kc;
            if (!transposeB)
            {
                // op(B)[p, j] = b[p·ldb + j]: each p contributes NR contiguous values.
                float* src = b + (nint)p0 * ldb + j0 + q;
                if (cols == nr)
                {
                    for (int p = 0; p < kc; p++, src += ldb, panel += nr)
                    {
                        for (int j = 0; j < nr; j += TSimd.Lanes)
                        {
                            TSimd.Store(panel + j, TSimd.Load(src + j));
                        }
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += ldb, panel += nr)
                    {
                        int j = 0;
                        for (; j < cols; j++)
                        {
                            panel[j] = src[j];
                        }
                        for (; j < nr; j++)
                        {
                            panel[j] = 0f;
                        }
                    }
                }
            }
            else
            {
                // op(B)[p, j] = b[j·ldb + p]: NR rows of b, each contiguous along p, become NR-wide rows.
                float* src = b + (nint)(j0 + q) * ldb + p0;
                int p = 0;
                if (cols == nr && nr % 8 == 0 && Avx.IsSupported)
                {
                    for (; p + 8 <= kc; p += 8)
                    {
                        for (int j = 0; j < nr; j += 8)
                        {
                            Transpose8x8(src + (nint)j * ldb + p, ldb, panel + (nint)p * nr + j, nr);
                        }
                    }
                }
                for (int j = 0; j < nr; j++)
                {
                    float* column = src + (nint)j * ldb;
                    for (int pp = p; pp < kc; pp++)
                    {
                        panel[(nint)pp * nr + j] = j < cols ? column[pp] : 0f;
                    }
                }
            }
        }
    }

    /// <summary>Writes the transpose of the 8×8 block at <paramref name="source"/> to <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* source, nint sourceStride, float* destination, nint destinationStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source);
        Vector256<float> r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + 2 * sourceStride);
        Vector256<float> r3 = Avx.LoadVector256(source + 3 * sourceStride);
        Vector256<float> r4 = Avx.LoadVector256(source + 4 * sourceStride);
        Vector256<float> r5 = Avx.LoadVector256(source + 5 * sourceStride);
        Vector256<float> r6 = Avx.LoadVector256(source + 6 * sourceStride);
        Vector256<float> r7 = Avx.LoadVector256(source + 7 * sourceStride);
        Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Avx.Store(destination, r0);
        Avx.Store(destination + destinationStride, r1);
        Avx.Store(destination + 2 * destinationStride, r2);
        Avx.Store(destination + 3 * destinationStride, r3);
        Avx.Store(destination + 4 * destinationStride, r4);
        Avx.Store(destination + 5 * destinationStride, r5);
        Avx.Store(destination + 6 * destinationStride, r6);
        Avx.Store(destination + 7 * destinationStride, r7);
    }

    /// <summary>Transposes the 8×8 matrix whose rows are r0…r7, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        r0 = Avx.Permute2x128(s0, s4, 0x20);
        r1 = Avx.Permute2x128(s1, s5, 0x20);
        r2 = Avx.Permute2x128(s2, s6, 0x20);
        r3 = Avx.Permute2x128(s3, s7, 0x20);
        r4 = Avx.Permute2x128(s0, s4, 0x31);
        r5 = Avx.Permute2x128(s1, s5, 0x31);
        r6 = Avx.Permute2x128(s2, s6, 0x31);
        r7 = Avx.Permute2x128(s3, s7, 0x31);
    }

    /// <summary>Stores the first six floats of <paramref name="value"/> (one packed-A column of MR = 6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSix(float* destination, Vector256<float> value)
    {
        Sse.Store(destination, value.GetLower());
        Sse.StoreLow(destination + 4, value.GetUpper());
    }
}
