namespace MLNet.Recurrent.Engine.Kernels;

/// <summary>
/// The narrow interface every device backend implements: dense matrix multiply, element-wise maps and
/// reductions. Layers and autograd functions only talk to this interface (through <c>Tensor.Device</c>), so a
/// CUDA backend can replace the CPU one without touching them.
/// </summary>
/// <remarks>
/// Buffers are passed as spans because the only backend today is the CPU one; a device backend will receive
/// storage handles instead (see docs/design.md). All matrices are row-major.
/// </remarks>
internal interface IComputeBackend
{
    /// <summary>A short name for diagnostics, e.g. "cpu-avx512".</summary>
    string Name { get; }

    /// <summary>
    /// C ← α·op(A)·op(B) + β·C, row-major, where op(A) is m×k and op(B) is k×n.
    /// A is stored m×k (or k×m when <paramref name="transposeA"/>) with row stride <paramref name="lda"/>; likewise B.
    /// When β = 0, C is overwritten and its old contents (even NaN) are ignored.
    /// </summary>
    void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    /// <summary>y[i] = op(x[i]).</summary>
    void Map(UnaryOp op, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>y[i] = a[i] op b[i] (same lengths).</summary>
    void Map(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

    /// <summary>y[i] = a[i] op s (a scalar right operand).</summary>
    void Map(BinaryOp op, ReadOnlySpan<float> a, float scalar, Span<float> y);

    /// <summary>The sum of all elements, accumulated pairwise in float.</summary>
    float Sum(ReadOnlySpan<float> x);

    /// <summary>The largest element; NaN if any element is NaN.</summary>
    float Max(ReadOnlySpan<float> x);
}
