using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise exponential: <c>y = eˣ</c>; overflows to +∞ above about 88.7.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Exp()
    {
        Tensor result = MapUnary(UnaryOp.Exp);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new ExpBackward(this, result.Detach()), 0);
        }
        return result;
    }

    private sealed class ExpBackward(Tensor input, Tensor output) : Node(input)
    {
        public override string Name => "ExpBackward";

        // Forward computed y = eˣ and saved y, so g_x = g ⊙ y.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Multiply(output)];
    }
}
