using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise logistic sigmoid: <c>y = σ(x) = 1 / (1 + e⁻ˣ)</c>, in (0, 1); NaN stays NaN, −∞ gives 0, +∞ gives 1.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Sigmoid()
    {
        Tensor result = MapUnary(UnaryOp.Sigmoid);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SigmoidBackward(this, result.Detach()), 0);
        }
        return result;
    }

    private sealed class SigmoidBackward(Tensor input, Tensor output) : Node(input)
    {
        public override string Name => "SigmoidBackward";

        // Forward computed y = σ(x) and saved y, so g_x = g ⊙ y ⊙ (1 − y).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Multiply(output.Multiply(1f - output))];
    }
}
