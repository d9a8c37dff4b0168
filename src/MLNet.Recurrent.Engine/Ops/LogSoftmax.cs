using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Log-softmax along one dimension: <c>y_k = (x_k − m) − ln Σⱼ exp(x_j − m)</c> with m = maxⱼ x_j, i.e.
    /// ln softmax(x) computed without forming the softmax, so it stays finite where softmax underflows to 0.
    /// </summary>
    /// <param name="dim">The dimension to normalise over; negative counts from the end.</param>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor LogSoftmax(int dim)
    {
        int d = NormalizeDim(dim, nameof(dim));
        var (outer, size, inner) = ShapeMath.Split(_shape, d);
        Tensor result = WithData(SoftmaxKernel.Forward(Device.Backend, ContiguousValues(), outer, size, inner, log: true), _shape);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new LogSoftmaxBackward(this, result.Detach(), d), 0);
        }
        return result;
    }

    private sealed class LogSoftmaxBackward(Tensor input, Tensor output, int dim) : Node(input)
    {
        public override string Name => "LogSoftmaxBackward";

        // Forward computed y = log_softmax(x) along dim and saved y; ∂y_k/∂x_j = δ_kj − softmax_j,
        // so g_x = g − exp(y) ⊙ Σ_dim g.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor g = outputGradients[0]!;
            return [g.Subtract(output.Exp().Multiply(g.Sum(dim, keepDim: true)))];
        }
    }
}
