using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Softmax along one dimension: <c>y_k = exp(x_k − m) / Σⱼ exp(x_j − m)</c> with m = maxⱼ x_j, so each slice along
    /// <paramref name="dim"/> is positive and sums to 1. Subtracting m keeps every exponent ≤ 0, so large inputs do
    /// not overflow. A slice containing NaN, or only −∞, gives NaN.
    /// </summary>
    /// <param name="dim">The dimension that sums to 1; negative counts from the end.</param>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Softmax(int dim)
    {
        int d = NormalizeDim(dim, nameof(dim));
        var (outer, size, inner) = ShapeMath.Split(_shape, d);
        Tensor result = WithData(SoftmaxKernel.Forward(Device.Backend, ContiguousValues(), outer, size, inner, log: false), _shape);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SoftmaxBackward(this, result.Detach(), d), 0);
        }
        return result;
    }

    private sealed class SoftmaxBackward(Tensor input, Tensor output, int dim) : Node(input)
    {
        public override string Name => "SoftmaxBackward";

        // Forward computed y = softmax(x) along dim and saved y; its Jacobian is diag(y) − y yᵀ per slice,
        // so g_x = y ⊙ (g − Σ_dim g ⊙ y).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor g = outputGradients[0]!;
            Tensor dot = g.Multiply(output).Sum(dim, keepDim: true);
            return [output.Multiply(g.Subtract(dot))];
        }
    }
}
