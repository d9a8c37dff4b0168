using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A mask over attention scores, in one of PyTorch's two conventions: boolean (true = ignore this position: its score
/// becomes −∞ and its weight exactly 0, as <c>key_padding_mask</c> and a bool <c>attn_mask</c>) or additive (a float
/// tensor added to the scores, −∞ to ignore, as a float <c>attn_mask</c>).
/// </summary>
/// <remarks>
/// <para>Which shapes are accepted depends on the argument it is passed as (a key padding mask is (N, S); an
/// <c>attn_mask</c> (T, S) or (N·h, T, S); see each layer). Build one with <see cref="FromBoolean"/>,
/// <see cref="FromAdditive"/>, <see cref="FromLengths"/> or <see cref="Causal"/>.</para>
/// <para>A query whose every source position is masked gets weights 0/0 = NaN, and so does everything computed from
/// them — PyTorch does the same. Per-sequence lengths cannot cause this: they must be at least 1.</para>
/// </remarks>
public sealed class AttentionMask
{
    private readonly bool[]? _masked;
    private readonly Tensor? _bias;
    private readonly int[] _shape;

    private AttentionMask(bool[]? masked, Tensor? bias, int[] shape)
    {
        _masked = masked;
        _bias = bias;
        _shape = shape;
    }

    /// <summary>The mask's shape.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>True for a boolean mask, false for an additive one.</summary>
    public bool IsBoolean => _masked is not null;

    /// <summary>A boolean mask: true marks a position to ignore, as PyTorch's bool <c>key_padding_mask</c> and <c>attn_mask</c>.</summary>
    /// <param name="masked">The values, row-major (copied); <c>Π shape</c> of them.</param>
    /// <param name="shape">The mask's shape, e.g. (N, S) for a key padding mask.</param>
    /// <returns>The mask.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="TensorShapeException"><paramref name="masked"/> does not hold <c>Π shape</c> values.</exception>
    public static AttentionMask FromBoolean(ReadOnlySpan<bool> masked, params int[] shape)
    {
        ThrowHelper.ThrowIfNull(shape, nameof(shape));
        int count = ShapeText.ElementCount(shape);
        if (masked.Length != count)
        {
            ThrowHelper.Shape(nameof(masked), $"{count} values for shape {ShapeText.Format(shape)}", [masked.Length]);
        }
        return new AttentionMask(masked.ToArray(), null, (int[])shape.Clone());
    }

    /// <summary>
    /// An additive mask: <paramref name="bias"/> is added to the scores before softmax (−∞ ignores a position, 0 leaves
    /// it unchanged), as PyTorch's float <c>attn_mask</c>. The tensor is used as given, so a bias that requires grad
    /// (e.g. a learned relative-position bias) receives a gradient.
    /// </summary>
    /// <param name="bias">The values to add; its shape is the mask's shape.</param>
    /// <returns>The mask.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bias"/> is null.</exception>
    public static AttentionMask FromAdditive(Tensor bias)
    {
        ThrowHelper.ThrowIfNull(bias, nameof(bias));
        return new AttentionMask(null, bias, bias.Shape.ToArray());
    }

    /// <summary>
    /// A key padding mask (N, S) from per-sequence lengths: position j of sequence n is masked when
    /// <c>j ≥ lengths[n]</c>, so sequence n attends to its first lengths[n] positions only.
    /// </summary>
    /// <param name="lengths">N lengths, each in [1, S] (a length of 0 would leave nothing to attend to).</param>
    /// <param name="sourceLength">S, the padded source length; at least 1.</param>
    /// <returns>A boolean mask of shape (N, S).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sourceLength"/> is not positive, or a length is outside [1, S].</exception>
    public static AttentionMask FromLengths(ReadOnlySpan<int> lengths, int sourceLength)
    {
        if (sourceLength < 1)
        {
            ThrowHelper.OutOfRange(nameof(sourceLength), sourceLength, "a positive source length S");
        }
        return Lengths(lengths, null, sourceLength, nameof(lengths), "S");
    }

    /// <summary>
    /// A causal (look-ahead) mask (T, T): query i may attend to positions j ≤ i only, i.e. true where j &gt; i. The
    /// boolean form of PyTorch's <c>nn.Transformer.generate_square_subsequent_mask</c>.
    /// </summary>
    /// <param name="size">T, at least 1.</param>
    /// <returns>A boolean mask of shape (T, T).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static AttentionMask Causal(int size)
    {
        if (size < 1)
        {
            ThrowHelper.OutOfRange(nameof(size), size, "a positive size T");
        }
        var masked = new bool[size * size];
        for (int i = 0; i < size; i++)
        {
            masked.AsSpan(i * size + i + 1, size - i - 1).Fill(true);
        }
        return new AttentionMask(masked, null, [size, size]);
    }

    /// <summary>
    /// Validates lengths (count N when <paramref name="batch"/> is given, each in [1, S]) and builds the (N, S) mask;
    /// messages call S <paramref name="sourceLabel"/> (L for a pooled sequence).
    /// </summary>
    internal static AttentionMask Lengths(ReadOnlySpan<int> lengths, int? batch, int sourceLength, string paramName, string sourceLabel)
    {
        if (batch is int n && lengths.Length != n)
        {
            ThrowHelper.Argument(paramName, $"expected one length per sequence (N={n}), got {lengths.Length}.");
        }
        var masked = new bool[lengths.Length * sourceLength];
        for (int b = 0; b < lengths.Length; b++)
        {
            if (lengths[b] < 1 || lengths[b] > sourceLength)
            {
                ThrowHelper.OutOfRange(paramName, lengths[b], $"lengths[{b}] in [1, {sourceLabel}={sourceLength}]");
            }
            masked.AsSpan(b * sourceLength + lengths[b], sourceLength - lengths[b]).Fill(true);
        }
        return new AttentionMask(masked, null, [lengths.Length, sourceLength]);
    }

    /// <summary>Whether the mask has exactly this shape.</summary>
    internal bool HasShape(params int[] shape) => _shape.AsSpan().SequenceEqual(shape);

    /// <summary>
    /// Applies the mask to <paramref name="scores"/>, reading its values under <paramref name="view"/> (same element
    /// count as <see cref="Shape"/>, broadcast to the scores' shape): boolean → masked_fill(−∞), additive → add.
    /// </summary>
    internal Tensor ApplyTo(Tensor scores, int[] view)
        => _masked is not null
            ? scores.MaskedFill(_masked, view, float.NegativeInfinity)
            : scores.Add(_bias!.Reshape(view));
}
