using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Multi-head attention, as PyTorch's <c>torch.nn.MultiheadAttention</c> (Vaswani et al., 2017):
/// <code>
/// MultiHead(Q, K, V) = Concat(head_1, …, head_h) W_O + b_O
/// head_j = Attention(Q W_Q,j + b_Q,j, K W_K,j + b_K,j, V W_V,j + b_V,j)
/// Attention(q, k, v) = dropout(softmax(q kᵀ / √d + M)) v,   d = E / h
/// </code>
/// </summary>
/// <remarks>
/// <para>Parameters, with PyTorch's names and layout: <c>in_proj_weight</c> (3E, E) = [W_Q; W_K; W_V] stacked by
/// rows (each (E, E), applied as x·Wᵀ), initialised with xavier_uniform_: U(−√(6/(E + 3E)), √(6/(E + 3E)));
/// <c>in_proj_bias</c> (3E) = [b_Q; b_K; b_V], zeros; <c>out_proj.weight</c> (E, E), as <see cref="Linear"/>'s
/// default U(−1/√E, 1/√E); <c>out_proj.bias</c> (E), zeros. Without bias neither bias exists. So a PyTorch
/// state_dict loads with <see cref="Module.LoadStateDict"/> unchanged.</para>
/// <para>Not supported: kdim/vdim other than E (separate q/k/v_proj_weight), add_bias_kv, add_zero_attn, unbatched
/// (2-D) inputs. Masks follow PyTorch's conventions; when both key_padding_mask and attn_mask are given each is
/// applied in turn (boolean → −∞, additive → added), which equals PyTorch's merged mask for bool/bool, bool/float and
/// float/float pairs.</para>
/// <para>Dimension legend: L target length, S source length, N batch, E embed_dim, h num_heads, d = E/h.</para>
/// </remarks>
public sealed class MultiheadAttention : Module
{
    private readonly RandomGenerator _generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="embedDim">E: features of query, key, value and output.</param>
    /// <param name="numHeads">h: parallel heads; E must be divisible by h.</param>
    /// <param name="dropout">Dropout probability on the attention weights in training mode, in [0, 1). Default 0.</param>
    /// <param name="bias">Whether to add in_proj_bias and out_proj.bias. Default true.</param>
    /// <param name="batchFirst">When true, inputs and output are (N, L, E) instead of (L, N, E). Default false.</param>
    /// <param name="kdim">Features of the key; only E (or null) is supported. Default E.</param>
    /// <param name="vdim">Features of the value; only E (or null) is supported. Default E.</param>
    /// <param name="generator">Seeded generator for initialisation and the dropout masks; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">E or h is not positive, E is not divisible by h, dropout is outside [0, 1), or kdim/vdim differ from E.</exception>
    public MultiheadAttention(int embedDim, int numHeads, float dropout = 0f, bool bias = true, bool batchFirst = false,
        int? kdim = null, int? vdim = null, RandomGenerator? generator = null)
    {
        if (embedDim < 1)
        {
            ThrowHelper.OutOfRange(nameof(embedDim), embedDim, "a positive embed_dim E");
        }
        if (numHeads < 1 || embedDim % numHeads != 0)
        {
            ThrowHelper.OutOfRange(nameof(numHeads), numHeads, $"a positive num_heads that divides embed_dim E={embedDim}");
        }
        if (!(dropout >= 0f && dropout < 1f))
        {
            ThrowHelper.OutOfRange(nameof(dropout), dropout, "a probability in [0, 1)");
        }
        if (kdim is int k && k != embedDim)
        {
            ThrowHelper.OutOfRange(nameof(kdim), k, $"kdim = embed_dim E={embedDim} (separate key sizes are not supported)");
        }
        if (vdim is int v && v != embedDim)
        {
            ThrowHelper.OutOfRange(nameof(vdim), v, $"vdim = embed_dim E={embedDim} (separate value sizes are not supported)");
        }
        EmbedDim = embedDim;
        NumHeads = numHeads;
        Dropout = dropout;
        BatchFirst = batchFirst;
        _generator = generator ?? new RandomGenerator(0);

        float bound = MathF.Sqrt(6f / (embedDim + 3 * embedDim));
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.Uniform(_generator, -bound, bound, 3 * embedDim, embedDim));
        InProjBias = bias ? RegisterParameter("in_proj_bias", Tensor.Zeros(3 * embedDim)) : null;
        OutProj = RegisterModule("out_proj", new Linear(embedDim, embedDim, bias, _generator));
        OutProj.BiasParameter?.Span.Clear();
    }

    /// <summary>E.</summary>
    public int EmbedDim { get; }

    /// <summary>h.</summary>
    public int NumHeads { get; }

    /// <summary>d = E / h, the features per head.</summary>
    public int HeadDim => EmbedDim / NumHeads;

    /// <summary>Dropout probability on the attention weights (training mode only).</summary>
    public float Dropout { get; }

    /// <summary>Whether the projections add biases (in_proj_bias and out_proj.bias exist).</summary>
    public bool Bias => InProjBias is not null;

    /// <summary>Whether inputs and output are (N, L, E).</summary>
    public bool BatchFirst { get; }

    /// <summary><c>in_proj_weight</c>: (3E, E) = [W_Q; W_K; W_V].</summary>
    public Tensor InProjWeight { get; }

    /// <summary><c>in_proj_bias</c>: (3E) = [b_Q; b_K; b_V], or null without bias.</summary>
    public Tensor? InProjBias { get; }

    /// <summary><c>out_proj</c>: the output projection W_O, b_O.</summary>
    public Linear OutProj { get; }

    /// <summary>Attends from each query position over the key/value positions.</summary>
    /// <param name="query">(L, N, E), or (N, L, E) when batch-first.</param>
    /// <param name="key">(S, N, E), or (N, S, E) when batch-first; S ≥ 1. Pass the query again for self-attention.</param>
    /// <param name="value">Same shape as <paramref name="key"/>.</param>
    /// <param name="keyPaddingMask">Optional (N, S) mask of key positions to ignore: boolean (true = ignore) or
    /// additive; see <see cref="AttentionMask.FromLengths"/>. Default none.</param>
    /// <param name="needWeights">Whether to return the attention weights. Default true.</param>
    /// <param name="attnMask">Optional mask (L, S), shared by every sequence and head, or (N·h, L, S), entry n·h + j
    /// for sequence n and head j; boolean (true = not allowed to attend) or additive. Default none.</param>
    /// <param name="averageAttnWeights">When true the returned weights are averaged over the heads, (N, L, S); when
    /// false they are per head, (N, h, L, S). Default true.</param>
    /// <returns>The output and, when <paramref name="needWeights"/>, the weights. A query with every key position
    /// masked gets NaN, as in PyTorch.</returns>
    /// <exception cref="ArgumentNullException">query, key or value is null.</exception>
    /// <exception cref="TensorShapeException">A tensor or mask does not have the shape above.</exception>
    public MultiheadAttentionOutput Forward(Tensor query, Tensor key, Tensor value, AttentionMask? keyPaddingMask = null,
        bool needWeights = true, AttentionMask? attnMask = null, bool averageAttnWeights = true)
    {
        CheckShapes(query, key, value);
        int batch = BatchFirst ? query.Size(0) : query.Size(1);
        int targets = BatchFirst ? query.Size(1) : query.Size(0);
        int source = BatchFirst ? key.Size(1) : key.Size(0);
        if (keyPaddingMask is not null && !keyPaddingMask.HasShape(batch, source))
        {
            ThrowHelper.Shape(nameof(keyPaddingMask), $"(N={batch}, S={source})", keyPaddingMask.Shape);
        }
        int[]? attnView = attnMask is null ? null
            : attnMask.HasShape(targets, source) ? [targets, source]
            : attnMask.HasShape(batch * NumHeads, targets, source) ? [batch, NumHeads, targets, source]
            : throw new TensorShapeException(nameof(attnMask), $"(L={targets}, S={source}) or (N·h={batch * NumHeads}, L={targets}, S={source})", ShapeText.Format(attnMask.Shape));

        Tensor q = SplitHeads(Project(query, 0)), k = SplitHeads(Project(key, 1)), v = SplitHeads(Project(value, 2));
        float dropout = IsTraining ? Dropout : 0f;
        AttentionOutput heads = ScaledDotProductAttention.Compute(q, k, v, scores =>
        {
            // scores: (N, h, L, S).
            if (keyPaddingMask is not null)
            {
                scores = keyPaddingMask.ApplyTo(scores, AttentionScores.KeyPaddingView(4, batch, source));
            }
            return attnMask is null ? scores : attnMask.ApplyTo(scores, attnView!);
        }, dropout, _generator);

        Tensor output = OutProj.Forward(MergeHeads(heads.Context));
        Tensor? weights = !needWeights ? null
            : averageAttnWeights ? heads.Weights.Sum(1).Divide(NumHeads)
            : heads.Weights;
        return new MultiheadAttentionOutput(output, weights);
    }

    /// <summary>x·W_iᵀ + b_i with W_i, b_i the i-th (E, E) block of in_proj_weight and in_proj_bias (i = 0 q, 1 k, 2 v).</summary>
    private Tensor Project(Tensor x, int index)
    {
        Tensor projected = x.MatMul(InProjWeight.Narrow(0, index * EmbedDim, EmbedDim).T());
        return InProjBias is null ? projected : projected.Add(InProjBias.Narrow(0, index * EmbedDim, EmbedDim));
    }

    /// <summary>(L, N, E) or (N, L, E) → (N, h, L, d), a view.</summary>
    private Tensor SplitHeads(Tensor x)
    {
        Tensor split = x.Reshape(x.Size(0), x.Size(1), NumHeads, HeadDim);
        return BatchFirst ? split.Permute(0, 2, 1, 3) : split.Permute(1, 2, 0, 3);
    }

    /// <summary>(N, h, L, d) → (L, N, E) or (N, L, E).</summary>
    private Tensor MergeHeads(Tensor x)
    {
        Tensor merged = BatchFirst ? x.Permute(0, 2, 1, 3) : x.Permute(2, 0, 1, 3);
        return merged.Reshape(merged.Size(0), merged.Size(1), EmbedDim);
    }

    private void CheckShapes(Tensor query, Tensor key, Tensor value)
    {
        ThrowHelper.ThrowIfNull(query, nameof(query));
        ThrowHelper.ThrowIfNull(key, nameof(key));
        ThrowHelper.ThrowIfNull(value, nameof(value));
        string layout = BatchFirst ? "N, L" : "L, N";
        if (query.Rank != 3 || query.Size(2) != EmbedDim)
        {
            ThrowHelper.Shape(nameof(query), $"({layout}, E={EmbedDim})", query.Shape);
        }
        int batch = BatchFirst ? query.Size(0) : query.Size(1);
        int batchDim = BatchFirst ? 0 : 1;
        if (key.Rank != 3 || key.Size(batchDim) != batch || key.Size(1 - batchDim) < 1 || key.Size(2) != EmbedDim)
        {
            ThrowHelper.Shape(nameof(key), BatchFirst ? $"(N={batch}, S ≥ 1, E={EmbedDim})" : $"(S ≥ 1, N={batch}, E={EmbedDim})", key.Shape);
        }
        if (!value.Shape.SequenceEqual(key.Shape))
        {
            ThrowHelper.Shape(nameof(value), $"{ShapeText.Format(key.Shape)} like key", value.Shape);
        }
    }
}
