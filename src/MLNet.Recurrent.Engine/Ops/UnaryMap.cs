using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// <c>y[i] = op(x[i])</c> through the backend (TensorPrimitives on the CPU) into a new contiguous tensor of this
    /// shape. Records nothing: the calling operation records its own node.
    /// </summary>
    private Tensor MapUnary(UnaryOp op)
    {
        var result = new float[Count];
        if (result.Length > 0)
        {
            // Guarded because TensorPrimitives.Sigmoid rejects empty spans.
            Device.Backend.Map(op, ContiguousValues(), result);
        }
        return WithData(result, _shape);
    }

    /// <summary>
    /// <c>y[i] = f(x[i], g[i])</c> for a backward pass whose derivative has no backend operation (masks, signs,
    /// powers): a plain loop over <paramref name="values"/> and the upstream gradient, shaped like <paramref name="values"/>.
    /// </summary>
    private static Tensor ZipWithGradient(Tensor values, Tensor gradient, Func<float, float, float> f)
    {
        ReadOnlySpan<float> x = values.ContiguousValues();
        ReadOnlySpan<float> g = gradient.ContiguousValues();
        var result = new float[x.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = f(x[i], g[i]);
        }
        return values.WithData(result, values.ShapeArray);
    }
}
