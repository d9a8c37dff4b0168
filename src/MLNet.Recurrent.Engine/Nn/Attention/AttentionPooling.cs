using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Attention pooling of a sequence into one vector, for sequence classification over a recurrent layer's outputs
/// (the word-level attention of Yang et al., 2016, "Hierarchical Attention Networks"): a learned query u scores
/// every step additively,
/// <code>
/// e_t = uᵀ tanh(W h_t + b)
/// α = softmax(e) over the steps within each sequence's length
/// y = Σ_t α_t h_t
/// </code>
/// </summary>
/// <remarks>
/// <para>Parameters: <c>proj.weight</c> W (A, H) and <c>proj.bias</c> b (A) (a child <see cref="Linear"/>, initialised
/// as PyTorch's: U(−1/√H, 1/√H)); <c>query</c> u (A), initialised from U(−1/√A, 1/√A). A is the attention size.</para>
/// <para>Layout: by default the input is time-major (L, N, H), as <see cref="Rnn"/>, <see cref="Lstm"/> and
/// <see cref="Gru"/> return it; with batchFirst it is (N, L, H). Pass the same lengths as to the recurrent layer, so
/// that padded steps (zero outputs) get weight 0.</para>
/// </remarks>
public sealed class AttentionPooling : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">H: features per step (D·H_out for a recurrent layer's output).</param>
    /// <param name="attentionSize">A: features inside tanh; default H.</param>
    /// <param name="batchFirst">When true the input is (N, L, H); default false: (L, N, H).</param>
    /// <param name="generator">Seeded generator for initialisation; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public AttentionPooling(int inputSize, int? attentionSize = null, bool batchFirst = false, RandomGenerator? generator = null)
    {
        if (inputSize < 1)
        {
            ThrowHelper.OutOfRange(nameof(inputSize), inputSize, "a positive input size H");
        }
        int size = attentionSize ?? inputSize;
        if (size < 1)
        {
            ThrowHelper.OutOfRange(nameof(attentionSize), size, "a positive attention size A");
        }
        InputSize = inputSize;
        AttentionSize = size;
        BatchFirst = batchFirst;
        generator ??= new RandomGenerator(0);
        Projection = RegisterModule("proj", new Linear(inputSize, size, bias: true, generator));
        float bound = 1f / MathF.Sqrt(size);
        Query = RegisterParameter("query", Tensor.Uniform(generator, -bound, bound, size));
    }

    /// <summary>H.</summary>
    public int InputSize { get; }

    /// <summary>A.</summary>
    public int AttentionSize { get; }

    /// <summary>Whether the input is (N, L, H).</summary>
    public bool BatchFirst { get; }

    /// <summary>W and b: <c>proj</c>, H → A.</summary>
    public Linear Projection { get; }

    /// <summary>u: <c>query</c>, (A).</summary>
    public Tensor Query { get; }

    /// <summary>Pools each sequence into one vector.</summary>
    /// <param name="input">h: (L, N, H), or (N, L, H) when batch-first; L ≥ 1.</param>
    /// <param name="lengths">Optional per-sequence lengths: N values in [1, L]; steps t ≥ lengths[n] get weight 0. Default none.</param>
    /// <param name="mask">Optional (N, L) mask of steps to ignore, boolean (true = ignore) or additive, applied together
    /// with <paramref name="lengths"/>. A sequence with every step masked gets NaN, as in PyTorch. Default none.</param>
    /// <returns>Context y: (N, H); Weights α: (N, L).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="TensorShapeException">input is not rank 3 with H features and L ≥ 1, or the mask is not (N, L).</exception>
    /// <exception cref="ArgumentException">lengths does not hold N values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, L].</exception>
    public AttentionOutput Forward(Tensor input, int[]? lengths = null, AttentionMask? mask = null)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        if (input.Rank != 3 || input.Size(2) != InputSize || input.Size(BatchFirst ? 1 : 0) < 1)
        {
            ThrowHelper.Shape(nameof(input), BatchFirst ? $"(N, L ≥ 1, H={InputSize})" : $"(L ≥ 1, N, H={InputSize})", input.Shape);
        }
        Tensor steps = BatchFirst ? input : input.Transpose(0, 1);   // (N, L, H)
        int batch = steps.Size(0), length = steps.Size(1);
        int[]? maskView = mask is null ? null
            : AttentionScores.SourceMaskView(mask, nameof(mask), batch, 1, length, perQuery: false, sourceLabel: "L");

        // (N, L, A) · (A) → (N, L) → (N, 1, L): one query per sequence.
        Tensor scores = Projection.Forward(steps).Tanh().MatMul(Query).Unsqueeze(1);
        Tensor weights = AttentionScores.Weights(scores, lengths, mask, maskView, sourceLabel: "L");
        return new AttentionOutput(weights.MatMul(steps).Squeeze(1), weights.Squeeze(1));
    }
}
