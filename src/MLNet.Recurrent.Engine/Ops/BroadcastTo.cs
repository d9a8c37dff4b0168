using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// A view that repeats this tensor along broadcast dimensions without copying (stride 0), as PyTorch's
    /// <c>expand</c>/<c>broadcast_to</c>: shapes align at the last dimension, each size of this tensor must equal the
    /// target size or be 1, and new leading dimensions may be added.
    /// </summary>
    /// <param name="shape">The target shape, of rank at least <see cref="Rank"/>.</param>
    /// <returns>The broadcast view (not contiguous where a size was repeated).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="TensorShapeException">This shape does not broadcast to <paramref name="shape"/>.</exception>
    public Tensor BroadcastTo(params int[] shape)
    {
        ThrowHelper.ThrowIfNull(shape, nameof(shape));
        int lead = shape.Length - Rank;
        bool ok = lead >= 0;
        for (int i = 0; ok && i < Rank; i++)
        {
            ok = _shape[i] == shape[lead + i] || _shape[i] == 1;
        }
        for (int i = 0; ok && i < shape.Length; i++)
        {
            ok = shape[i] >= 0;
        }
        if (!ok)
        {
            ThrowHelper.Shape(nameof(shape), $"that {ShapeText.Format(_shape)} broadcasts to (sizes equal or 1, aligned at the last dimension)", shape);
        }
        if (shape.AsSpan().SequenceEqual(_shape))
        {
            return this;
        }
        int[] resultShape = (int[])shape.Clone();
        var result = new Tensor(Storage, Offset, resultShape, Broadcasting.StridesFor(this, resultShape), Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new BroadcastToBackward(this), 0);
        }
        return result;
    }

    private sealed class BroadcastToBackward(Tensor input) : Node(input)
    {
        public override string Name => "BroadcastToBackward";

        // Forward repeated each element along the broadcast dimensions, so its gradient is the sum over the repeats.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [Broadcasting.SumToShape(outputGradients[0]!, Inputs[0].Shape)];
    }
}
