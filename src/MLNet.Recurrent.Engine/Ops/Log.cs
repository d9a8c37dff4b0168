using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise natural logarithm: <c>y = ln x</c>; 0 gives −∞, negative values give NaN.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Log()
    {
        Tensor result = MapUnary(UnaryOp.Log);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new LogBackward(this), 0);
        }
        return result;
    }

    private sealed class LogBackward(Tensor input) : Node(input)
    {
        public override string Name => "LogBackward";

        // Forward computed y = ln x, so g_x = g ⊘ x.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Divide(Inputs[0])];
    }
}
