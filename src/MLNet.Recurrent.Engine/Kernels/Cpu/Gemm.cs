using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// Single-precision general matrix multiply, row-major: C ← α·op(A)·op(B) + β·C.
/// </summary>
/// <remarks>Reference implementation (row-axpy form); the packed, blocked kernel replaces it.</remarks>
internal static class Gemm
{
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> cRow = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                cRow.Clear();
            }
            else if (beta != 1f)
            {
                TensorPrimitives.Multiply(cRow, beta, cRow);
            }
            if (alpha == 0f)
            {
                continue;
            }
            for (int p = 0; p < k; p++)
            {
                float aip = alpha * (transposeA ? a[p * lda + i] : a[i * lda + p]);
                if (!transposeB)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), aip, cRow, cRow);
                }
                else
                {
                    for (int j = 0; j < n; j++)
                    {
                        cRow[j] += aip * b[j * ldb + p];
                    }
                }
            }
        }
    }
}
