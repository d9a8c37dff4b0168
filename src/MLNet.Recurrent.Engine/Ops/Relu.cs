using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise rectified linear unit: <c>y = max(x, 0)</c>.</summary>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    /// <remarks>The gradient at x = 0 is taken as 0, as in PyTorch.</remarks>
    public Tensor Relu()
    {
        Tensor result = MapUnary(UnaryOp.Relu);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new ReluBackward(this, result.Detach()), 0);
        }
        return result;
    }

    private sealed class ReluBackward(Tensor input, Tensor output) : Node(input)
    {
        public override string Name => "ReluBackward";

        // Forward computed y = max(x, 0) and saved y, so g_x = g where y > 0, else 0.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [ZipWithGradient(output, outputGradients[0]!, static (y, g) => y > 0f ? g : 0f)];
    }
}
