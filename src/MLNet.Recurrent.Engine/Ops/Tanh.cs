using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise hyperbolic tangent: <c>y = tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)</c>, in (−1, 1); NaN stays NaN, ±∞ gives ±1.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Tanh()
    {
        Tensor result = MapUnary(UnaryOp.Tanh);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new TanhBackward(this, result.Detach()), 0);
        }
        return result;
    }

    private sealed class TanhBackward(Tensor input, Tensor output) : Node(input)
    {
        public override string Name => "TanhBackward";

        // Forward computed y = tanh(x) and saved y, so g_x = g ⊙ (1 − y²).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Multiply(1f - output.Multiply(output))];
    }
}
