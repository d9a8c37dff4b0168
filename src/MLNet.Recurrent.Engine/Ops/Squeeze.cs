using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>A view without any of the size-1 dimensions, e.g. (N, 1, H) → (N, H) and (1, 1) → ().</summary>
    /// <returns>The squeezed view (this tensor itself when no dimension has size 1).</returns>
    public Tensor Squeeze()
    {
        var dims = new List<int>(Rank);
        for (int d = 0; d < Rank; d++)
        {
            if (_shape[d] != 1)
            {
                dims.Add(d);
            }
        }
        return dims.Count == Rank ? this : KeepDims([.. dims]);
    }

    /// <summary>A view without dimension <paramref name="dim"/> when its size is 1; otherwise this tensor unchanged (as in PyTorch).</summary>
    /// <param name="dim">The dimension; negative counts from the end.</param>
    /// <returns>The squeezed view, or this tensor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Squeeze(int dim)
    {
        int d = NormalizeDim(dim, nameof(dim));
        if (_shape[d] != 1)
        {
            return this;
        }
        var dims = new int[Rank - 1];
        for (int i = 0, j = 0; i < Rank; i++)
        {
            if (i != d)
            {
                dims[j++] = i;
            }
        }
        return KeepDims(dims);
    }

    /// <summary>A view with a new size-1 dimension inserted at <paramref name="dim"/>, e.g. (N, H) with dim 1 → (N, 1, H).</summary>
    /// <param name="dim">The position of the new dimension in the result, in [−Rank−1, Rank]; negative counts from the end of the result.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Unsqueeze(int dim)
    {
        int d = NormalizeInsertDim(dim, nameof(dim));
        int stride = d < Rank ? _strides[d] * Math.Max(_shape[d], 1) : 1;
        var result = new Tensor(Storage, Offset, ShapeMath.Insert(_shape, d, 1), ShapeMath.Insert(_strides, d, stride), Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new UnsqueezeBackward(this), 0);
        }
        return result;
    }

    /// <summary>Normalizes a position at which a dimension is inserted: [−Rank−1, Rank] maps to [0, Rank].</summary>
    internal int NormalizeInsertDim(int dim, string paramName)
    {
        int d = dim < 0 ? dim + Rank + 1 : dim;
        if (d < 0 || d > Rank)
        {
            Errors.ThrowHelper.OutOfRange(paramName, dim, $"a dimension in [{-Rank - 1}, {Rank}] for inserting into a tensor of shape {ShapeText.Format(_shape)}");
        }
        return d;
    }

    /// <summary>The view that keeps only the listed dimensions (all others have size 1).</summary>
    private Tensor KeepDims(int[] dims)
    {
        var shape = new int[dims.Length];
        var strides = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            shape[i] = _shape[dims[i]];
            strides[i] = _strides[dims[i]];
        }
        var result = new Tensor(Storage, Offset, shape, strides, Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SqueezeBackward(this), 0);
        }
        return result;
    }

    private sealed class SqueezeBackward(Tensor input) : Node(input)
    {
        public override string Name => "SqueezeBackward";

        // Forward dropped size-1 dimensions without moving elements; reshaping the gradient restores them.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Contiguous().Reshape(Inputs[0].ShapeArray)];
    }

    private sealed class UnsqueezeBackward(Tensor input) : Node(input)
    {
        public override string Name => "UnsqueezeBackward";

        // Forward inserted a size-1 dimension without moving elements; reshaping the gradient removes it.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Contiguous().Reshape(Inputs[0].ShapeArray)];
    }
}
