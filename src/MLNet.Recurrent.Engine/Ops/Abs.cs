using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise absolute value: <c>y = |x|</c>.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    /// <remarks>The gradient at x = 0 is taken as 0 (sign(0) = 0), as in PyTorch.</remarks>
    public Tensor Abs()
    {
        Tensor result = MapUnary(UnaryOp.Abs);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new AbsBackward(this), 0);
        }
        return result;
    }

    private sealed class AbsBackward(Tensor input) : Node(input)
    {
        public override string Name => "AbsBackward";

        // Forward computed y = |x|, so g_x = g ⊙ sign(x), with sign(0) = 0.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [ZipWithGradient(Inputs[0], outputGradients[0]!, static (x, g) => x > 0f ? g : x < 0f ? -g : 0f)];
    }
}
