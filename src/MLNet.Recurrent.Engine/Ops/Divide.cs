using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise quotient with broadcasting: <c>y = input ⊘ other</c>. IEEE semantics: x/0 is ±∞, 0/0 is NaN.</summary>
    /// <param name="other">Any shape broadcastable with this tensor's (sizes equal or 1, aligned at the last dimension).</param>
    /// <returns>A new contiguous tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="TensorShapeException">The shapes are not broadcastable.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> lives on another device.</exception>
    public Tensor Divide(Tensor other)
    {
        ThrowHelper.ThrowIfNull(other, nameof(other));
        Tensor result = Broadcasting.Apply(BinaryOp.Divide, this, other, nameof(other));
        if (GradMode.IsEnabled && (RequiresGrad || other.RequiresGrad))
        {
            result.SetGradFn(new DivideBackward(this, other, result.Detach()), 0);
        }
        return result;
    }

    /// <summary>Divides every element by a scalar: <c>y = input / other</c>.</summary>
    /// <param name="other">The scalar divisor.</param>
    /// <returns>A new contiguous tensor of this shape.</returns>
    public Tensor Divide(float other) => Divide(Scalar(other));

    private sealed class DivideBackward(Tensor input, Tensor other, Tensor output) : Node(input, other)
    {
        public override string Name => "DivideBackward";

        // Forward computed y = a ⊘ b (broadcast) and saved y, so with t = g ⊘ b: g_a = t and
        // g_b = −g ⊙ a ⊘ b² = −t ⊙ y, each summed over broadcast dimensions.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor t = outputGradients[0]!.Divide(Inputs[1]);
            return
            [
                NeedsGrad(0) ? Broadcasting.SumToShape(t, Inputs[0].Shape) : null,
                NeedsGrad(1) ? Broadcasting.SumToShape(t.Multiply(output).Neg(), Inputs[1].Shape) : null,
            ];
        }
    }
}
