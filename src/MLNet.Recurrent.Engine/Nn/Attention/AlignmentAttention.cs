using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Base of the encoder–decoder attention layers that score each source position with a learned alignment function
/// (<see cref="AdditiveAttention"/>, <see cref="LuongAttention"/>):
/// <code>
/// e_i = score(s, h̄_i)                      (one score per source position i)
/// α = softmax(e) over the unmasked positions (masked positions get weight 0)
/// c = Σ_i α_i v_i                           (v_i = h̄_i unless separate values are given)
/// </code>
/// where s is a query (e.g. the decoder state) and h̄ the keys (e.g. the encoder outputs).
/// </summary>
/// <remarks>
/// Shapes: query (N, H_q) for one query per sequence, or (N, T, H_q) for T queries at once (e.g. every decoder step
/// in teacher forcing); keys (N, S, H_k); values (N, S, H_v). Outputs: context (N, H_v) or (N, T, H_v), weights
/// (N, S) or (N, T, S). Derived classes supply only the score function.
/// </remarks>
public abstract class AlignmentAttention : Module
{
    /// <summary>Initialises the sizes.</summary>
    /// <param name="querySize">H_q.</param>
    /// <param name="keySize">H_k.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    private protected AlignmentAttention(int querySize, int keySize)
    {
        if (querySize < 1)
        {
            ThrowHelper.OutOfRange(nameof(querySize), querySize, "a positive query size H_q");
        }
        if (keySize < 1)
        {
            ThrowHelper.OutOfRange(nameof(keySize), keySize, "a positive key size H_k");
        }
        QuerySize = querySize;
        KeySize = keySize;
    }

    /// <summary>H_q: features per query.</summary>
    public int QuerySize { get; }

    /// <summary>H_k: features per key.</summary>
    public int KeySize { get; }

    /// <summary>Attends from each query over the source positions.</summary>
    /// <param name="query">s: (N, H_q), or (N, T, H_q) for T queries per sequence.</param>
    /// <param name="keys">h̄: (N, S, H_k), S ≥ 1.</param>
    /// <param name="values">Optional values (N, S, H_v) averaged by the weights; default the keys (the classic case,
    /// where the encoder outputs are both).</param>
    /// <param name="lengths">Optional per-sequence source lengths: N values in [1, S]; position i of sequence n is
    /// ignored when i ≥ lengths[n]. Default none.</param>
    /// <param name="mask">Optional key padding mask (N, S) — or (N, T, S) for a 3-D query, one row per query — boolean
    /// (true = ignore, PyTorch's key_padding_mask convention) or additive. Applied together with
    /// <paramref name="lengths"/>. A query with every position masked gets NaN weights, as in PyTorch. Default none.</param>
    /// <returns>Context c: (N, H_v) or (N, T, H_v); Weights α: (N, S) or (N, T, S).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="keys"/> is null.</exception>
    /// <exception cref="TensorShapeException">query is not (N, [T,] H_q); keys are not (N, S ≥ 1, H_k); values are not (N, S, H_v); or the mask has another shape.</exception>
    /// <exception cref="ArgumentException">lengths does not hold N values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, S].</exception>
    public AttentionOutput Forward(Tensor query, Tensor keys, Tensor? values = null, int[]? lengths = null, AttentionMask? mask = null)
    {
        ThrowHelper.ThrowIfNull(query, nameof(query));
        ThrowHelper.ThrowIfNull(keys, nameof(keys));
        if (query.Rank is not (2 or 3) || query.Size(-1) != QuerySize)
        {
            ThrowHelper.Shape(nameof(query), $"(N, H_q={QuerySize}) or (N, T, H_q={QuerySize})", query.Shape);
        }
        int batch = query.Size(0);
        if (keys.Rank != 3 || keys.Size(0) != batch || keys.Size(1) < 1 || keys.Size(2) != KeySize)
        {
            ThrowHelper.Shape(nameof(keys), $"(N={batch}, S ≥ 1, H_k={KeySize})", keys.Shape);
        }
        int source = keys.Size(1);
        values ??= keys;
        if (values.Rank != 3 || values.Size(0) != batch || values.Size(1) != source)
        {
            ThrowHelper.Shape(nameof(values), $"(N={batch}, S={source}, H_v)", values.Shape);
        }
        bool single = query.Rank == 2;
        Tensor queries = single ? query.Unsqueeze(1) : query;
        int[]? maskView = mask is null ? null
            : AttentionScores.SourceMaskView(mask, nameof(mask), batch, queries.Size(1), source, perQuery: !single);

        Tensor weights = AttentionScores.Weights(ComputeScores(queries, keys), lengths, mask, maskView);
        Tensor context = weights.MatMul(values);
        return single ? new AttentionOutput(context.Squeeze(1), weights.Squeeze(1)) : new AttentionOutput(context, weights);
    }

    /// <summary>The alignment scores e for validated inputs.</summary>
    /// <param name="query">s: (N, T, H_q).</param>
    /// <param name="keys">h̄: (N, S, H_k).</param>
    /// <returns>e: (N, T, S).</returns>
    private protected abstract Tensor ComputeScores(Tensor query, Tensor keys);
}
