using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Scaled dot-product attention (Vaswani et al., 2017), the core of <see cref="MultiheadAttention"/> and of PyTorch's
/// <c>F.scaled_dot_product_attention</c>:
/// <code>
/// α = softmax(Q Kᵀ / √d_k + M)      (over the S source positions)
/// output = dropout(α) · V
/// </code>
/// where M is 0 at attended positions and −∞ at masked ones (or any additive bias).
/// </summary>
/// <remarks>
/// Composed of differentiable operations (Q is scaled before the product, as PyTorch does, then a batched MatMul,
/// MaskedFill/Add, Softmax, Dropout, MatMul), so gradients reach Q, K, V and an additive mask that requires grad.
/// </remarks>
public static class ScaledDotProductAttention
{
    /// <summary>Computes attention of each query over the source positions.</summary>
    /// <param name="query">Q: (N, T, d_k), or (N, h, T, d_k) with a heads dimension.</param>
    /// <param name="key">K: (N, S, d_k), or (N, h, S, d_k); S ≥ 1.</param>
    /// <param name="value">V: (N, S, d_v), or (N, h, S, d_v).</param>
    /// <param name="mask">Optional mask broadcastable to the scores (N, T, S) or (N, h, T, S) (aligned at the last
    /// dimension, e.g. (T, S) for a causal mask, (N, 1, S) or (N, 1, 1, S) for key padding); boolean (true = ignore) or
    /// additive. Default none. A query with every position masked gets NaN weights, as in PyTorch.</param>
    /// <param name="lengths">Optional per-sequence source lengths: N values in [1, S]; position j of sequence n is
    /// ignored when j ≥ lengths[n]. Default none.</param>
    /// <param name="dropout">Probability of zeroing each attention weight (the survivors are scaled by 1/(1 − p)), in
    /// [0, 1). Default 0. Pass 0 at evaluation time.</param>
    /// <param name="generator">Seeded generator for the dropout mask; required when <paramref name="dropout"/> &gt; 0.</param>
    /// <returns>Context = output (N, [h,] T, d_v) and Weights = α (N, [h,] T, S), after dropout (as PyTorch 1.13's
    /// MultiheadAttention returns them).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/>, <paramref name="key"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="TensorShapeException">query is not rank 3 or 4; key or value does not match it; S is 0; or the mask does not broadcast to the scores.</exception>
    /// <exception cref="ArgumentException">lengths does not hold N values, or dropout &gt; 0 without a generator.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, S], or dropout is outside [0, 1).</exception>
    public static AttentionOutput Forward(Tensor query, Tensor key, Tensor value, AttentionMask? mask = null,
        int[]? lengths = null, float dropout = 0f, RandomGenerator? generator = null)
    {
        CheckShapes(query, key, value);
        int[] scoreShape = [.. query.Shape[..^1], key.Size(-2)];
        if (mask is not null && !Tensor.BroadcastsTo(mask.Shape, scoreShape))
        {
            ThrowHelper.Shape(nameof(mask), $"broadcastable to the scores {ShapeText.Format(scoreShape)} (sizes equal or 1, aligned at the last dimension)", mask.Shape);
        }
        return Compute(query, key, value, scores =>
        {
            scores = AttentionScores.MaskLengths(scores, lengths, nameof(lengths));
            return mask is null ? scores : mask.ApplyTo(scores, mask.Shape.ToArray());
        }, dropout, generator);
    }

    /// <summary>
    /// The computation behind <see cref="Forward"/> for callers that validated the shapes and mask their own way
    /// (<see cref="MultiheadAttention"/>): <paramref name="mask"/> maps the scores (N, [h,] T, S) to masked scores.
    /// </summary>
    internal static AttentionOutput Compute(Tensor query, Tensor key, Tensor value, Func<Tensor, Tensor> mask, float dropout, RandomGenerator? generator)
    {
        if (!(dropout >= 0f && dropout < 1f))
        {
            ThrowHelper.OutOfRange(nameof(dropout), dropout, "a probability in [0, 1)");
        }
        if (dropout > 0f && generator is null)
        {
            ThrowHelper.Argument(nameof(generator), "expected a seeded RandomGenerator for the dropout mask when dropout > 0, got null.");
        }
        int[] lead = query.Shape[..^2].ToArray();
        int batch = ShapeMath.Product(lead);
        int targets = query.Size(-2), source = key.Size(-2), keySize = query.Size(-1), valueSize = value.Size(-1);

        // Scores e = (Q / √d_k) Kᵀ as one batched product over the (N·h) leading entries.
        Tensor q = query.Reshape(batch, targets, keySize).Divide(MathF.Sqrt(keySize));
        Tensor k = key.Reshape(batch, source, keySize);
        Tensor scores = q.MatMul(k.Transpose(1, 2)).Reshape([.. lead, targets, source]);

        Tensor weights = mask(scores).Softmax(-1);
        if (dropout > 0f)
        {
            weights = new Dropout(dropout, generator).Forward(weights);
        }
        Tensor context = weights.Reshape(batch, targets, source).MatMul(value.Reshape(batch, source, valueSize));
        return new AttentionOutput(context.Reshape([.. lead, targets, valueSize]), weights);
    }

    private static void CheckShapes(Tensor query, Tensor key, Tensor value)
    {
        ThrowHelper.ThrowIfNull(query, nameof(query));
        ThrowHelper.ThrowIfNull(key, nameof(key));
        ThrowHelper.ThrowIfNull(value, nameof(value));
        if (query.Rank is not (3 or 4))
        {
            ThrowHelper.Shape(nameof(query), "(N, T, d_k) or (N, h, T, d_k)", query.Shape);
        }
        ReadOnlySpan<int> lead = query.Shape[..^2];
        string leadText = query.Rank == 3 ? $"N={lead[0]}" : $"N={lead[0]}, h={lead[1]}";
        int keySize = query.Size(-1);
        if (key.Rank != query.Rank || !key.Shape[..^2].SequenceEqual(lead) || key.Size(-1) != keySize || key.Size(-2) < 1)
        {
            ThrowHelper.Shape(nameof(key), $"({leadText}, S ≥ 1, d_k={keySize})", key.Shape);
        }
        int source = key.Size(-2);
        if (value.Rank != query.Rank || !value.Shape[..^2].SequenceEqual(lead) || value.Size(-2) != source)
        {
            ThrowHelper.Shape(nameof(value), $"({leadText}, S={source}, d_v)", value.Shape);
        }
    }
}
