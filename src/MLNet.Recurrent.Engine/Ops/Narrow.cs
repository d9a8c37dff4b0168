using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// A view of the slice <c>[start, start + length)</c> along <paramref name="dim"/> (no copy), e.g. the first H
    /// columns of a (N, 4H) gate matrix: <c>gates.Narrow(1, 0, H)</c>.
    /// </summary>
    /// <param name="dim">The dimension to slice; negative counts from the end.</param>
    /// <param name="start">The first index kept, in [0, size].</param>
    /// <param name="length">How many indices are kept, in [0, size − start].</param>
    /// <returns>The view, of this shape with size <paramref name="length"/> along <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/>, <paramref name="start"/> or <paramref name="length"/> is out of range.</exception>
    public Tensor Narrow(int dim, int start, int length)
    {
        int d = NormalizeDim(dim, nameof(dim));
        int size = _shape[d];
        if ((uint)start > (uint)size)
        {
            ThrowHelper.OutOfRange(nameof(start), start, $"a start in [0, {size}] for dimension {d} of shape {ShapeText.Format(_shape)}");
        }
        if ((uint)length > (uint)(size - start))
        {
            ThrowHelper.OutOfRange(nameof(length), length, $"a length in [0, {size - start}] (size {size} − start {start}) for dimension {d} of shape {ShapeText.Format(_shape)}");
        }
        var result = new Tensor(Storage, Offset + start * _strides[d], ShapeMath.With(_shape, d, length), _strides, Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new NarrowBackward(this, d, start, length), 0);
        }
        return result;
    }

    /// <summary>
    /// A zero tensor of <paramref name="input"/>'s shape with <paramref name="gradient"/> (laid out as
    /// (outer, length, inner) around <paramref name="dim"/>) written into the slice <c>[start, start + length)</c>.
    /// </summary>
    private static Tensor ScatterSlice(Tensor input, Tensor gradient, int dim, int start, int length)
    {
        var (outer, size, inner) = ShapeMath.Split(input.ShapeArray, dim);
        ReadOnlySpan<float> g = gradient.ContiguousValues();
        var result = new float[input.Count];
        int block = length * inner;
        for (int o = 0; o < outer; o++)
        {
            g.Slice(o * block, block).CopyTo(result.AsSpan((o * size + start) * inner, block));
        }
        return input.WithData(result, input.ShapeArray);
    }

    private sealed class NarrowBackward(Tensor input, int dim, int start, int length) : Node(input)
    {
        public override string Name => "NarrowBackward";

        // Forward viewed the slice [start, start + length) along dim, so the gradient lands in that slice and
        // every element outside it gets 0.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [ScatterSlice(Inputs[0], outputGradients[0]!, dim, start, length)];
    }
}
