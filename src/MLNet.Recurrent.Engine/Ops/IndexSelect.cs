using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Picks whole slices along <paramref name="dim"/>: <c>y[…, j, …] = x[…, indices[j], …]</c>, e.g. embedding rows
    /// for token ids: <c>weight.IndexSelect(0, ids)</c>. Indices may repeat; their gradients then accumulate.
    /// </summary>
    /// <param name="dim">The dimension to index; negative counts from the end.</param>
    /// <param name="indices">The indices to pick, in order, each in [0, size − 1] of <paramref name="dim"/>.</param>
    /// <returns>A new contiguous tensor, of this shape with size <c>indices.Length</c> along <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index is out of range.</exception>
    public Tensor IndexSelect(int dim, ReadOnlySpan<int> indices)
    {
        int d = NormalizeDim(dim, nameof(dim));
        var (outer, size, inner) = ShapeMath.Split(_shape, d);
        for (int j = 0; j < indices.Length; j++)
        {
            if ((uint)indices[j] >= (uint)size)
            {
                ThrowHelper.OutOfRange(nameof(indices), indices[j], $"an index in [0, {size - 1}] for dimension {d} of shape {ShapeText.Format(_shape)} at indices[{j}]");
            }
        }
        int count = indices.Length;
        ReadOnlySpan<float> x = ContiguousValues();
        var result = new float[outer * count * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < count; j++)
            {
                x.Slice((o * size + indices[j]) * inner, inner).CopyTo(result.AsSpan((o * count + j) * inner, inner));
            }
        }
        Tensor output = WithData(result, ShapeMath.With(_shape, d, count));
        if (GradMode.IsEnabled && RequiresGrad)
        {
            output.SetGradFn(new IndexSelectBackward(this, d, indices.ToArray()), 0);
        }
        return output;
    }

    private sealed class IndexSelectBackward(Tensor input, int dim, int[] indices) : Node(input)
    {
        public override string Name => "IndexSelectBackward";

        // Forward copied slice indices[j] of the input to slice j of the output, so backward adds gradient slice j
        // into input slice indices[j]; repeated indices accumulate.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor input = Inputs[0];
            var (outer, size, inner) = ShapeMath.Split(input.ShapeArray, dim);
            ReadOnlySpan<float> g = outputGradients[0]!.ContiguousValues();
            var gx = new float[input.Count];
            IComputeBackend backend = input.Device.Backend;
            for (int o = 0; o < outer; o++)
            {
                for (int j = 0; j < indices.Length; j++)
                {
                    Span<float> target = gx.AsSpan((o * size + indices[j]) * inner, inner);
                    backend.Map(BinaryOp.Add, target, g.Slice((o * indices.Length + j) * inner, inner), target);
                }
            }
            return [input.WithData(gx, input.ShapeArray)];
        }
    }
}
