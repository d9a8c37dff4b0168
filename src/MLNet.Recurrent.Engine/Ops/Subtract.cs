using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise difference with broadcasting: <c>y = input − other</c>.</summary>
    /// <param name="other">Any shape broadcastable with this tensor's (sizes equal or 1, aligned at the last dimension).</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="TensorShapeException">The shapes are not broadcastable.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> lives on another device.</exception>
    public Tensor Subtract(Tensor other)
    {
        ThrowHelper.ThrowIfNull(other, nameof(other));
        Tensor result = Broadcasting.Apply(BinaryOp.Subtract, this, other, nameof(other));
        if (GradMode.IsEnabled && (RequiresGrad || other.RequiresGrad))
        {
            result.SetGradFn(new SubtractBackward(this, other), 0);
        }
        return result;
    }

    /// <summary>Subtracts a scalar from every element: <c>y = input − other</c>.</summary>
    /// <param name="other">The scalar.</param>
    /// <returns>A new contiguous tensor of this shape.</returns>
    public Tensor Subtract(float other) => Subtract(Scalar(other));

    private sealed class SubtractBackward(Tensor input, Tensor other) : Node(input, other)
    {
        public override string Name => "SubtractBackward";

        // Forward computed y = a − b (broadcast), so ∂y/∂a = 1 and ∂y/∂b = −1, each summed over broadcast dimensions.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor g = outputGradients[0]!;
            return
            [
                NeedsGrad(0) ? Broadcasting.SumToShape(g, Inputs[0].Shape) : null,
                NeedsGrad(1) ? Broadcasting.SumToShape(g.Neg(), Inputs[1].Shape) : null,
            ];
        }
    }
}
