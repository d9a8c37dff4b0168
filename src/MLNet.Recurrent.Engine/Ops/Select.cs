using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// A view of index <paramref name="index"/> along <paramref name="dim"/>, with that dimension removed (no copy),
    /// e.g. time step t of a (L, N, H) sequence: <c>x.Select(0, t)</c> of shape (N, H).
    /// </summary>
    /// <param name="dim">The dimension to index; negative counts from the end.</param>
    /// <param name="index">The index, in [−size, size − 1]; negative counts from the end.</param>
    /// <returns>The view, of this shape without <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or <paramref name="index"/> is out of range.</exception>
    public Tensor Select(int dim, int index)
    {
        int d = NormalizeDim(dim, nameof(dim));
        int size = _shape[d];
        int i = index < 0 ? index + size : index;
        if ((uint)i >= (uint)size)
        {
            ThrowHelper.OutOfRange(nameof(index), index, $"an index in [{-size}, {size - 1}] for dimension {d} of shape {ShapeText.Format(_shape)}");
        }
        var result = new Tensor(Storage, Offset + i * _strides[d], ShapeMath.Remove(_shape, d), ShapeMath.Remove(_strides, d), Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SelectBackward(this, d, i), 0);
        }
        return result;
    }

    private sealed class SelectBackward(Tensor input, int dim, int index) : Node(input)
    {
        public override string Name => "SelectBackward";

        // Forward viewed the slice at index along dim (dropping dim), so the gradient lands in that slice and every
        // other element gets 0.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [ScatterSlice(Inputs[0], outputGradients[0]!, dim, index, 1)];
    }
}
