using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Joins tensors of one shape along a new dimension, e.g. L hidden states (N, H) stacked at dim 0 give (L, N, H).
    /// Differentiable as Concat of Unsqueeze views.
    /// </summary>
    /// <param name="tensors">At least one tensor; all of the same shape and device.</param>
    /// <param name="dim">The position of the new dimension in the result, in [−Rank−1, Rank]; negative counts from the end. Default 0.</param>
    /// <returns>A new contiguous tensor with a dimension of size <c>tensors.Count</c> inserted at <paramref name="dim"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tensors"/> is empty, or a tensor lives on another device.</exception>
    /// <exception cref="TensorShapeException">A tensor's shape differs from the first's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ThrowHelper.ThrowIfNull(tensors, nameof(tensors));
        if (tensors.Count == 0)
        {
            ThrowHelper.Argument(nameof(tensors), "expected at least one tensor, got none.");
        }
        ThrowHelper.ThrowIfNull(tensors[0], "tensors[0]");
        int d = tensors[0].NormalizeInsertDim(dim, nameof(dim));
        var expanded = new Tensor[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            ThrowHelper.ThrowIfNull(tensors[i], $"tensors[{i}]");
            if (!tensors[i].Shape.SequenceEqual(tensors[0].Shape))
            {
                ThrowHelper.Shape($"tensors[{i}]", $"{ShapeText.Format(tensors[0].Shape)} like tensors[0]", tensors[i].Shape);
            }
            expanded[i] = tensors[i].Unsqueeze(d);
        }
        return Concat(expanded, d);
    }
}
