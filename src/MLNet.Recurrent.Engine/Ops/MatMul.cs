using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product, as PyTorch's <c>matmul</c> for ranks 1–3: <c>C[b] = A[b] · B[b]</c>, i.e.
    /// <c>C[b, m, n] = Σₖ A[b, m, k] · B[b, k, n]</c>.
    /// <list type="bullet">
    /// <item>(M, K) × (K, N) → (M, N)</item>
    /// <item>(B, M, K) × (B, K, N) → (B, M, N), one product per batch entry</item>
    /// <item>(B, M, K) × (K, N) → (B, M, N) and (M, K) × (B, K, N) → (B, M, N): the 2-D operand is shared by every batch entry</item>
    /// <item>a 1-D operand is a row vector (K,) on the left or a column vector (K,) on the right, and its dimension is removed from the result: (K,) × (K,) → ()</item>
    /// </list>
    /// </summary>
    /// <param name="other">The right operand, of rank 1–3, whose second-to-last size (or only size) equals this tensor's last size K.</param>
    /// <returns>A new contiguous tensor.</returns>
    /// <remarks>
    /// Runs on the backend GEMM. An operand that is a transposed view of a contiguous matrix (e.g. <c>w.T()</c>) is
    /// passed with the GEMM's transpose flag instead of being copied; any other non-contiguous operand is copied once.
    /// Backward uses the same flags: dA = dC · Bᵀ and dB = Aᵀ · dC without forming the transposes.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="TensorShapeException">An operand is a scalar or has rank above 3, the inner sizes K differ, or the batch sizes differ.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> lives on another device.</exception>
    public Tensor MatMul(Tensor other)
    {
        ThrowHelper.ThrowIfNull(other, nameof(other));
        Broadcasting.CheckSameDevice(this, other, nameof(other));
        if (Rank is 0 or > 3)
        {
            ThrowHelper.Shape("input", "of rank 1, 2 or 3: (K,), (M, K) or (B, M, K)", _shape);
        }
        if (other.Rank is 0 or > 3)
        {
            ThrowHelper.Shape(nameof(other), "of rank 1, 2 or 3: (K,), (K, N) or (B, K, N)", other.Shape);
        }
        int k = _shape[^1];
        if (other.Rank == 1)
        {
            if (other._shape[0] != k)
            {
                ThrowHelper.Shape(nameof(other), $"(K={k},) to match input {ShapeText.Format(_shape)}", other.Shape);
            }
            return MatMul(other.Unsqueeze(1)).Squeeze(-1);
        }
        if (Rank == 1)
        {
            CheckInnerSize(other, k, batch: -1);
            return Unsqueeze(0).MatMul(other).Squeeze(-2);
        }

        int batchA = Rank == 3 ? _shape[0] : -1;
        int batchB = other.Rank == 3 ? other._shape[0] : -1;
        CheckInnerSize(other, k, batchA);
        int batch = Math.Max(Math.Max(batchA, batchB), 1);
        int m = _shape[^2];
        int n = other._shape[^1];
        int[] shape = batchA >= 0 || batchB >= 0 ? [batch, m, n] : [m, n];
        var c = new float[batch * m * n];

        MatrixOperand a = MatrixOperand.Of(this);
        MatrixOperand b = MatrixOperand.Of(other);
        if (m > 0 && n > 0 && k > 0 && batch > 0)
        {
            IComputeBackend backend = Device.Backend;
            if (a.CanMergeBatch(batchB))
            {
                // (B, M, K) × (K, N): one GEMM with B·M rows.
                backend.Gemm(false, b.Transposed, batch * m, n, k, 1f, a.Span(0, batch * m), a.Ld, b.Span(0), b.Ld, 0f, c, n);
            }
            else
            {
                for (int i = 0; i < batch; i++)
                {
                    backend.Gemm(a.Transposed, b.Transposed, m, n, k, 1f, a.Span(i), a.Ld, b.Span(i), b.Ld, 0f, c.AsSpan(i * m * n, m * n), n);
                }
            }
        }
        Tensor result = WithData(c, shape);
        if (GradMode.IsEnabled && (RequiresGrad || other.RequiresGrad))
        {
            result.SetGradFn(new MatMulBackward(this, other, a, b, batch, m, n, k), 0);
        }
        return result;
    }

    private void CheckInnerSize(Tensor other, int k, int batch)
    {
        bool batchMismatch = other.Rank == 3 && batch >= 0 && other._shape[0] != batch;
        if (other._shape[^2] != k || batchMismatch)
        {
            string expected = other.Rank == 3
                ? $"({(batch >= 0 ? $"B={batch}" : "*")}, K={k}, *)"
                : $"(K={k}, *)";
            ThrowHelper.Shape(nameof(other), $"{expected} to match input {ShapeText.Format(_shape)}", other.Shape);
        }
    }

    /// <summary>
    /// How one operand's matrices sit in storage, in GEMM terms: each batch entry's logical (Rows, Cols) matrix is
    /// either row-major with row stride Ld, or (Transposed) the transpose of a row-major (Cols, Rows) matrix with row
    /// stride Ld. BatchStride is 0 for a 2-D operand shared by every batch entry.
    /// </summary>
    private readonly record struct MatrixOperand(float[] Storage, int Offset, int BatchStride, int Rows, int Cols, int Ld, bool Transposed)
    {
        public static MatrixOperand Of(Tensor t)
        {
            int rows = t._shape[^2], cols = t._shape[^1];
            int rowStride = t._strides[^2], colStride = t._strides[^1];
            int batchStride = t.Rank == 3 ? t._strides[0] : 0;
            if ((cols == 1 || colStride == 1) && (rows == 1 || rowStride >= cols))
            {
                return new(t.Storage, t.Offset, batchStride, rows, cols, rows == 1 ? Math.Max(cols, 1) : rowStride, false);
            }
            if ((rows == 1 || rowStride == 1) && (cols == 1 || colStride >= rows))
            {
                return new(t.Storage, t.Offset, batchStride, rows, cols, cols == 1 ? Math.Max(rows, 1) : colStride, true);
            }
            // Any other layout (e.g. a strided slice or a broadcast view) is copied once.
            float[] dense = t.ToArray();
            return new(dense, 0, t.Rank == 3 ? rows * cols : 0, rows, cols, Math.Max(cols, 1), false);
        }

        /// <summary>The storage of batch entry <paramref name="index"/>'s matrix (or of <paramref name="rowCount"/> consecutive rows).</summary>
        public ReadOnlySpan<float> Span(int index, int rowCount = -1)
        {
            int rows = rowCount < 0 ? Rows : rowCount;
            int extent = Transposed ? (Cols - 1) * Ld + rows : (rows - 1) * Ld + Cols;
            return Storage.AsSpan(Offset + index * BatchStride, extent);
        }

        /// <summary>Whether a batched row-major operand's entries follow each other, so B·M rows form one matrix.</summary>
        public bool CanMergeBatch(int otherBatch) => otherBatch < 0 && BatchStride == Rows * Ld && !Transposed && BatchStride > 0;
    }

    private sealed class MatMulBackward(Tensor input, Tensor other, MatrixOperand a, MatrixOperand b, int batch, int m, int n, int k)
        : Node(input, other)
    {
        public override string Name => "MatMulBackward";

        // Forward computed C[i] = op(A[i]) · op(B[i]) with the layouts saved in a and b, so
        // dA[i] = dC[i] · op(B[i])ᵀ and dB[i] = op(A[i])ᵀ · dC[i]; transposing op(·) flips the saved GEMM flag instead
        // of copying. A 2-D operand shared by every batch entry sums its gradient over the batch (β = 1 after the first).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            ReadOnlySpan<float> dc = outputGradients[0]!.ContiguousValues();
            IComputeBackend backend = Inputs[0].Device.Backend;
            Tensor? gradA = null, gradB = null;
            bool empty = m == 0 || n == 0 || k == 0 || batch == 0;
            if (NeedsGrad(0))
            {
                var da = new float[Inputs[0].Count];
                bool shared = Inputs[0].Rank == 2 && Inputs[1].Rank == 3;
                for (int i = 0; !empty && i < batch; i++)
                {
                    Span<float> target = shared ? da : da.AsSpan(i * m * k, m * k);
                    float beta = shared && i > 0 ? 1f : 0f;
                    backend.Gemm(false, !b.Transposed, m, k, n, 1f, dc.Slice(i * m * n, m * n), n, b.Span(i), b.Ld, beta, target, k);
                }
                gradA = Inputs[0].WithData(da, Inputs[0].ShapeArray);
            }
            if (NeedsGrad(1))
            {
                var db = new float[Inputs[1].Count];
                if (!empty && a.CanMergeBatch(Inputs[1].Rank == 3 ? batch : -1))
                {
                    // dB = Σᵢ A[i]ᵀ · dC[i] = (B·M, K)ᵀ · (B·M, N): one GEMM.
                    backend.Gemm(true, false, k, n, batch * m, 1f, a.Span(0, batch * m), a.Ld, dc, n, 0f, db, n);
                }
                else
                {
                    bool shared = Inputs[1].Rank == 2 && Inputs[0].Rank == 3;
                    for (int i = 0; !empty && i < batch; i++)
                    {
                        Span<float> target = shared ? db : db.AsSpan(i * k * n, k * n);
                        float beta = shared && i > 0 ? 1f : 0f;
                        backend.Gemm(!a.Transposed, false, k, n, m, 1f, a.Span(i), a.Ld, dc.Slice(i * m * n, m * n), n, beta, target, n);
                    }
                }
                gradB = Inputs[1].WithData(db, Inputs[1].ShapeArray);
            }
            return [gradA, gradB];
        }
    }
}
