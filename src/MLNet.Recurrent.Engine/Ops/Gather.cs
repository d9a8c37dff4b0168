using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Gathers single elements along <paramref name="dim"/> (PyTorch's <c>torch.gather</c>): for every position p of
    /// the index, <c>y[p] = x[p with p[dim] replaced by index[p]]</c>; for a (N, C) input and dim 1,
    /// <c>y[n][j] = x[n][index[n][j]]</c>, e.g. the log-probability of each target class with index shape (N, 1).
    /// Indices may repeat; their gradients then accumulate.
    /// </summary>
    /// <param name="dim">The dimension to index along; negative counts from the end.</param>
    /// <param name="index">The indices, row-major in <paramref name="indexShape"/>, each in [0, size − 1] of <paramref name="dim"/>.</param>
    /// <param name="indexShape">The shape of the index and of the result: the same rank as this tensor, and no larger than it outside <paramref name="dim"/>.</param>
    /// <returns>A new contiguous tensor of shape <paramref name="indexShape"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> or an index is out of range.</exception>
    /// <exception cref="TensorShapeException"><paramref name="indexShape"/> has the wrong rank or a size too large, or <paramref name="index"/> has the wrong number of elements.</exception>
    public Tensor Gather(int dim, ReadOnlySpan<int> index, ReadOnlySpan<int> indexShape)
    {
        int d = NormalizeDim(dim, nameof(dim));
        bool fits = indexShape.Length == Rank;
        for (int k = 0; fits && k < Rank; k++)
        {
            fits = indexShape[k] >= 0 && (k == d || indexShape[k] <= _shape[k]);
        }
        if (!fits)
        {
            ThrowHelper.Shape(nameof(indexShape), $"of rank {Rank} with sizes at most {ShapeText.Format(_shape)} outside dimension {d}", indexShape);
        }
        int count = ShapeText.ElementCount(indexShape);
        if (index.Length != count)
        {
            ThrowHelper.Shape(nameof(index), $"({count},) to match indexShape {ShapeText.Format(indexShape)}", [index.Length]);
        }
        int size = _shape[d];
        for (int j = 0; j < index.Length; j++)
        {
            if ((uint)index[j] >= (uint)size)
            {
                ThrowHelper.OutOfRange(nameof(index), index[j], $"an index in [0, {size - 1}] for dimension {d} of shape {ShapeText.Format(_shape)} at index[{j}] (row-major)");
            }
        }

        int[] shape = indexShape.ToArray();
        int[] offsets = GatherOffsets(_shape, _strides, Offset, d, index, shape);
        var result = new float[count];
        for (int j = 0; j < count; j++)
        {
            result[j] = Storage[offsets[j]];
        }
        Tensor output = WithData(result, shape);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            // Backward scatters into a contiguous gradient, so it needs the contiguous offsets.
            int[] contiguous = GatherOffsets(_shape, ShapeText.ContiguousStrides(_shape), 0, d, index, shape);
            output.SetGradFn(new GatherBackward(this, contiguous), 0);
        }
        return output;
    }

    /// <summary>For each index position p (row-major in <paramref name="indexShape"/>), the storage offset of x[p with p[dim] = index[p]].</summary>
    private static int[] GatherOffsets(int[] shape, int[] strides, int offset, int dim, ReadOnlySpan<int> index, int[] indexShape)
    {
        var offsets = new int[index.Length];
        int rank = shape.Length;
        Span<int> position = rank <= 16 ? stackalloc int[rank] : new int[rank];
        int at = offset;   // offset of position p with p[dim] counted as 0
        for (int j = 0; j < index.Length; j++)
        {
            offsets[j] = at + index[j] * strides[dim];
            for (int k = rank - 1; k >= 0; k--)
            {
                if (k != dim)
                {
                    at += strides[k];
                }
                if (++position[k] < indexShape[k])
                {
                    break;
                }
                if (k != dim)
                {
                    at -= strides[k] * indexShape[k];
                }
                position[k] = 0;
            }
        }
        return offsets;
    }

    private sealed class GatherBackward(Tensor input, int[] offsets) : Node(input)
    {
        public override string Name => "GatherBackward";

        // Forward read y[j] from input element offsets[j], so backward adds g[j] there; repeated indices accumulate.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor input = Inputs[0];
            ReadOnlySpan<float> g = outputGradients[0]!.ContiguousValues();
            var gx = new float[input.Count];
            for (int j = 0; j < offsets.Length; j++)
            {
                gx[offsets[j]] += g[j];
            }
            return [input.WithData(gx, input.ShapeArray)];
        }
    }
}
