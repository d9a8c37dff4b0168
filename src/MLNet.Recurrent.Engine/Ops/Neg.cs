using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise negation: <c>y = −x</c>.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Neg()
    {
        Tensor result = MapUnary(UnaryOp.Negate);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new NegBackward(this), 0);
        }
        return result;
    }

    private sealed class NegBackward(Tensor input) : Node(input)
    {
        public override string Name => "NegBackward";

        // Forward computed y = −x, so g_x = −g.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Neg()];
    }
}
