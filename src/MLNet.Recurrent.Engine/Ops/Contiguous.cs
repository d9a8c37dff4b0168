using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>This tensor if it is already contiguous, else a dense row-major copy (differentiable: the gradient passes through unchanged).</summary>
    /// <returns>A contiguous tensor with the same shape and values.</returns>
    public Tensor Contiguous()
    {
        if (IsContiguous)
        {
            return this;
        }
        var result = new Tensor(ToArray(), _shape);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new ContiguousBackward(this), 0);
        }
        return result;
    }

    private sealed class ContiguousBackward(Tensor input) : Node(input)
    {
        public override string Name => "ContiguousBackward";

        // Forward copied the elements into row-major order; the layout change does not alter values.
        public override Tensor?[] Backward(Tensor?[] outputGradients) => [outputGradients[0]];
    }
}
