using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>
/// The numerically stable (log-)softmax shared by <see cref="Tensor.Softmax"/> and <see cref="Tensor.LogSoftmax"/>:
/// each row along the dimension is shifted by its maximum before exponentiating, so no term exceeds e⁰ = 1.
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>
    /// Applies the row function along the middle axis of a row-major (outer, size, inner) buffer. With inner = 1 the
    /// rows are contiguous and go straight to the vector kernel; otherwise each strided column is gathered into a
    /// scratch row, transformed, and scattered back.
    /// </summary>
    public static float[] Forward(IComputeBackend backend, ReadOnlySpan<float> x, int outer, int size, int inner, bool log)
    {
        var y = new float[x.Length];
        if (size == 0)
        {
            return y;
        }
        var scratch = new float[size];
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                Row(backend, x.Slice(o * size, size), y.AsSpan(o * size, size), scratch, log);
            }
            return y;
        }
        var column = new float[size];
        var result = new float[size];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int at = o * size * inner + i;
                for (int k = 0; k < size; k++)
                {
                    column[k] = x[at + k * inner];
                }
                Row(backend, column, result, scratch, log);
                for (int k = 0; k < size; k++)
                {
                    y[at + k * inner] = result[k];
                }
            }
        }
        return y;
    }

    /// <summary>
    /// softmax: y = exp(x − m) / Σ exp(x − m); log-softmax: y = (x − m) − ln Σ exp(x − m); m = max(x).
    /// A row containing NaN gives NaN; a row of all −∞ gives NaN (as in PyTorch).
    /// </summary>
    private static void Row(IComputeBackend backend, ReadOnlySpan<float> x, Span<float> y, Span<float> scratch, bool log)
    {
        float max = backend.Max(x);
        backend.Map(BinaryOp.Subtract, x, max, y);
        if (log)
        {
            backend.Map(UnaryOp.Exp, y, scratch);
            float sum = backend.Sum(scratch);
            backend.Map(BinaryOp.Subtract, y, MathF.Log(sum), y);
        }
        else
        {
            backend.Map(UnaryOp.Exp, y, y);
            float sum = backend.Sum(y);
            backend.Map(BinaryOp.Divide, y, sum, y);
        }
    }
}
