using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise (Hadamard) product with broadcasting: <c>y = input ⊙ other</c>.</summary>
    /// <param name="other">Any shape broadcastable with this tensor's (sizes equal or 1, aligned at the last dimension).</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="TensorShapeException">The shapes are not broadcastable.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> lives on another device.</exception>
    public Tensor Multiply(Tensor other)
    {
        ThrowHelper.ThrowIfNull(other, nameof(other));
        Tensor result = Broadcasting.Apply(BinaryOp.Multiply, this, other, nameof(other));
        if (GradMode.IsEnabled && (RequiresGrad || other.RequiresGrad))
        {
            result.SetGradFn(new MultiplyBackward(this, other), 0);
        }
        return result;
    }

    /// <summary>Multiplies every element by a scalar: <c>y = input · other</c>.</summary>
    /// <param name="other">The scalar.</param>
    /// <returns>A new contiguous tensor of this shape.</returns>
    public Tensor Multiply(float other) => Multiply(Scalar(other));

    private sealed class MultiplyBackward(Tensor input, Tensor other) : Node(input, other)
    {
        public override string Name => "MultiplyBackward";

        // Forward computed y = a ⊙ b (broadcast), so g_a = g ⊙ b and g_b = g ⊙ a, each summed over broadcast dimensions.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor g = outputGradients[0]!;
            return
            [
                NeedsGrad(0) ? Broadcasting.SumToShape(g.Multiply(Inputs[1]), Inputs[0].Shape) : null,
                NeedsGrad(1) ? Broadcasting.SumToShape(g.Multiply(Inputs[0]), Inputs[1].Shape) : null,
            ];
        }
    }
}
