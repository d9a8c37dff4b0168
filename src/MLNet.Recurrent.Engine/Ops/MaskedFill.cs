using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Replaces the elements selected by a boolean mask, as PyTorch's <c>masked_fill</c>:
    /// <c>y[i] = mask[i] ? value : x[i]</c>, with the mask broadcast to this tensor's shape. Attention uses it to set
    /// the scores of ignored positions to −∞ before softmax, so their weights are exactly 0.
    /// </summary>
    /// <param name="mask">The mask, row-major, true where the element is replaced; <c>Π maskShape</c> values.</param>
    /// <param name="maskShape">The mask's shape; it must broadcast to this tensor's shape (sizes equal or 1, aligned at
    /// the last dimension; missing leading sizes count as 1), e.g. a key padding mask (N, 1, S) over scores (N, T, S).</param>
    /// <param name="value">The fill value; any float, including ±∞ and NaN.</param>
    /// <returns>A new contiguous tensor of this shape. Gradient: the upstream gradient where the mask is false, 0 where it is true.</returns>
    /// <exception cref="TensorShapeException"><paramref name="mask"/> does not hold <c>Π maskShape</c> values, or
    /// <paramref name="maskShape"/> does not broadcast to this shape.</exception>
    public Tensor MaskedFill(ReadOnlySpan<bool> mask, ReadOnlySpan<int> maskShape, float value)
    {
        float[] filled = ExpandMask(mask, maskShape);
        float[] y = ContiguousValues().ToArray();
        for (int i = 0; i < y.Length; i++)
        {
            if (filled[i] != 0f)
            {
                y[i] = value;
            }
        }
        Tensor result = WithData(y, _shape);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            for (int i = 0; i < filled.Length; i++)
            {
                filled[i] = 1f - filled[i];
            }
            result.SetGradFn(new MaskedFillBackward(this, WithData(filled, _shape)), 0);
        }
        return result;
    }

    /// <summary>The mask as 1 (fill) / 0 (keep) floats, validated and broadcast to this tensor's shape.</summary>
    private float[] ExpandMask(ReadOnlySpan<bool> mask, ReadOnlySpan<int> maskShape)
    {
        int count = ShapeText.ElementCount(maskShape);
        if (mask.Length != count)
        {
            ThrowHelper.Shape(nameof(mask), $"{count} values for maskShape {ShapeText.Format(maskShape)}", [mask.Length]);
        }
        if (!BroadcastsTo(maskShape, _shape))
        {
            ThrowHelper.Shape(nameof(maskShape), $"broadcastable to input {ShapeText.Format(_shape)} (sizes equal or 1, aligned at the last dimension)", maskShape);
        }
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = mask[i] ? 1f : 0f;
        }
        var source = new Tensor(values, maskShape.ToArray());
        return source.BroadcastTo(_shape).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="shape"/> broadcasts to <paramref name="target"/> without changing it: rank at most the
    /// target's, and each size, aligned at the last dimension, equal to the target's or 1.
    /// </summary>
    internal static bool BroadcastsTo(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        if (shape.Length > target.Length)
        {
            return false;
        }
        int lead = target.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] != target[lead + i] && shape[i] != 1)
            {
                return false;
            }
        }
        return true;
    }

    private sealed class MaskedFillBackward(Tensor input, Tensor keep) : Node(input)
    {
        public override string Name => "MaskedFillBackward";

        // Forward replaced the masked elements by a constant and copied the others, so g_x = g ⊙ keep with keep = 1
        // where the mask was false and 0 where it was true (saved already broadcast to the input's shape).
        public override Tensor?[] Backward(Tensor?[] outputGradients) => [outputGradients[0]!.Multiply(keep)];
    }
}
