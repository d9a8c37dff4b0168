using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// A view with the dimensions reordered: result dimension i is this tensor's dimension <c>dims[i]</c>
    /// (no copy; the result is usually not contiguous). E.g. (L, N, H) with dims (1, 0, 2) gives (N, L, H).
    /// </summary>
    /// <param name="dims">A permutation of 0 … Rank−1; negative values count from the end.</param>
    /// <returns>The permuted view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dims"/> has the wrong length or repeats a dimension.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Permute(params int[] dims)
    {
        ThrowHelper.ThrowIfNull(dims, nameof(dims));
        if (dims.Length != Rank)
        {
            ThrowHelper.Argument(nameof(dims), $"expected a permutation of {Rank} dimensions for shape {ShapeText.Format(_shape)}, got {dims.Length}: [{string.Join(", ", dims)}].");
        }
        var shape = new int[Rank];
        var strides = new int[Rank];
        var inverse = new int[Rank];
        var seen = new bool[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int d = NormalizeDim(dims[i], nameof(dims));
            if (seen[d])
            {
                ThrowHelper.Argument(nameof(dims), $"expected a permutation of 0..{Rank - 1}, got dimension {d} more than once in [{string.Join(", ", dims)}].");
            }
            seen[d] = true;
            shape[i] = _shape[d];
            strides[i] = _strides[d];
            inverse[d] = i;
        }
        var result = new Tensor(Storage, Offset, shape, strides, Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new PermuteBackward(this, inverse), 0);
        }
        return result;
    }

    private sealed class PermuteBackward(Tensor input, int[] inverse) : Node(input)
    {
        public override string Name => "PermuteBackward";

        // Forward moved input dimension dims[i] to position i; the inverse permutation moves the gradient back.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]!.Permute(inverse).Contiguous()];
    }
}
