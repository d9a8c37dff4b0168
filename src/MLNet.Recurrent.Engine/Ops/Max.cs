using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>The largest element: <c>y = maxᵢ xᵢ</c>; NaN if any element is NaN.</summary>
    /// <returns>A new rank-0 (scalar) tensor. The gradient flows to the first position holding the maximum.</returns>
    /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
    public Tensor Max()
    {
        if (Count == 0)
        {
            ThrowHelper.InvalidOperation($"Max: expected a non-empty tensor, got shape {ShapeText.Format(_shape)}.");
        }
        Tensor flat = Reshape(Count);
        return flat.Max(0);
    }

    /// <summary>The largest element along one dimension: <c>y[…, j, …] = maxₖ x[…, k, j, …]</c>; NaN wins.</summary>
    /// <param name="dim">The dimension to reduce; negative counts from the end. Its size must be positive.</param>
    /// <param name="keepDim">Whether the reduced dimension stays, with size 1 (default false: it is removed).</param>
    /// <returns>
    /// A new contiguous tensor of the maxima. The gradient flows only to the first position holding each maximum
    /// (ties are not split), matching PyTorch's <c>max(dim)</c>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <exception cref="TensorShapeException">Dimension <paramref name="dim"/> has size 0.</exception>
    public Tensor Max(int dim, bool keepDim = false)
    {
        int d = NormalizeDim(dim, nameof(dim));
        var (outer, size, inner) = ShapeMath.Split(_shape, d);
        if (size == 0)
        {
            ThrowHelper.Shape("input", $"with a non-zero size in dimension {d} to take the maximum over", _shape);
        }
        ReadOnlySpan<float> x = ContiguousValues();
        var values = new float[outer * inner];
        var positions = new int[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int at = o * size * inner + i;
                float best = x[at];
                int bestK = 0;
                for (int k = 1; k < size && !float.IsNaN(best); k++)
                {
                    float v = x[at + k * inner];
                    if (v > best || float.IsNaN(v))
                    {
                        best = v;
                        bestK = k;
                    }
                }
                values[o * inner + i] = best;
                positions[o * inner + i] = bestK;
            }
        }
        Tensor result = WithData(values, keepDim ? ShapeMath.With(_shape, d, 1) : ShapeMath.Remove(_shape, d));
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new MaxBackward(this, d, positions), 0);
        }
        return result;
    }

    private sealed class MaxBackward(Tensor input, int dim, int[] positions) : Node(input)
    {
        public override string Name => "MaxBackward";

        // Forward picked, for each (outer, inner) pair, the position k of the maximum along dim and saved it,
        // so the gradient goes to that one element and every other element gets 0.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor input = Inputs[0];
            var (outer, size, inner) = ShapeMath.Split(input.ShapeArray, dim);
            ReadOnlySpan<float> g = outputGradients[0]!.ContiguousValues();
            var gx = new float[input.Count];
            for (int o = 0; o < outer; o++)
            {
                for (int i = 0; i < inner; i++)
                {
                    int j = o * inner + i;
                    gx[(o * size + positions[j]) * inner + i] = g[j];
                }
            }
            return [input.WithData(gx, input.ShapeArray)];
        }
    }
}
