using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise square root: <c>y = √x</c>; negative values give NaN.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Sqrt()
    {
        Tensor result = MapUnary(UnaryOp.Sqrt);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SqrtBackward(this, result.Detach()), 0);
        }
        return result;
    }

    private sealed class SqrtBackward(Tensor input, Tensor output) : Node(input)
    {
        public override string Name => "SqrtBackward";

        // Forward computed y = √x and saved y, so g_x = g ⊘ (2y).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Divide(output.Multiply(2f))];
    }
}
