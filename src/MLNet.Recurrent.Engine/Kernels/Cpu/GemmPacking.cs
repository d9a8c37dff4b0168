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
        for (int q = 0; q < mc; q += MR)
        {
            int rows = Math.Min(MR, mc - q);
            float* panel = destination + (nint)q * kc;
            if (transposeA)
            {
                // op(A)[i, p] = a[p·lda + i]: each p contributes MR contiguous values.
                float* src = a + (nint)p0 * lda + i0 + q;
                for (int p = 0; p < kc; p++, src += lda, panel += MR)
                {
                    int r = 0;
                    for (; r < rows; r++)
                    {
                        panel[r] = src[r];
                    }
                    for (; r < MR; r++)
                    {
                        panel[r] = 0f;
                    }
                }
            }
            else if (rows == MR)
            {
                // op(A)[i, p] = a[i·lda + p]: interleave MR rows.
                float* r0 = a + (nint)(i0 + q) * lda + p0;
                float* r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda;
                for (int p = 0; p < kc; p++, panel += MR)
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

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc] into <paramref name="destination"/> (⌈nc/NR⌉·NR·kc floats).</summary>
    public static void PackB<TSimd, TVec>(bool transposeB, float* b, nint ldb, int p0, int kc, int j0, int nc, float* destination)
        where TSimd : struct, IGemmSimd<TVec>
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

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(destination, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(s3, s7, 0x31));
    }
}
