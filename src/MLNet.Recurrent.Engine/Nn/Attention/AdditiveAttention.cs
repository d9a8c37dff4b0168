using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Additive (Bahdanau) attention (Bahdanau, Cho &amp; Bengio, 2015), also Luong's "concat" score:
/// <code>
/// e_i = vᵀ tanh(W₁ s + b + W₂ h̄_i)
/// α = softmax(e) over the unmasked source positions
/// c = Σ_i α_i h̄_i
/// </code>
/// </summary>
/// <remarks>
/// <para>Parameters (child <see cref="Linear"/> modules, so the names are PyTorch's for the same layout):
/// <c>query_proj.weight</c> W₁ (A, H_q); <c>query_proj.bias</c> b (A), only with bias; <c>key_proj.weight</c> W₂
/// (A, H_k); <c>v.weight</c> vᵀ (1, A). A is the attention size. Each is initialised as PyTorch's <c>nn.Linear</c>:
/// U(−1/√fan_in, 1/√fan_in). A bias on the key projection or on v would be redundant (it adds the same value to
/// every score, which softmax ignores), so there is none.</para>
/// <para>Cost: the keys are projected once per call, O(N·S·H_k·A); scoring builds an (N, T, S, A) tensor.</para>
/// <para>See <see cref="AlignmentAttention"/> for shapes, masks and lengths.</para>
/// </remarks>
public sealed class AdditiveAttention : AlignmentAttention
{
    /// <summary>Creates the layer.</summary>
    /// <param name="querySize">H_q: features of the query s (e.g. the decoder state).</param>
    /// <param name="keySize">H_k: features of the keys h̄ (e.g. the encoder outputs).</param>
    /// <param name="attentionSize">A: features of the hidden layer inside tanh; default H_q.</param>
    /// <param name="bias">Whether the query projection adds b. Default true.</param>
    /// <param name="generator">Seeded generator for initialisation; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public AdditiveAttention(int querySize, int keySize, int? attentionSize = null, bool bias = true, RandomGenerator? generator = null)
        : base(querySize, keySize)
    {
        int size = attentionSize ?? querySize;
        if (size < 1)
        {
            ThrowHelper.OutOfRange(nameof(attentionSize), size, "a positive attention size A");
        }
        AttentionSize = size;
        generator ??= new RandomGenerator(0);
        QueryProjection = RegisterModule("query_proj", new Linear(querySize, size, bias, generator));
        KeyProjection = RegisterModule("key_proj", new Linear(keySize, size, bias: false, generator));
        V = RegisterModule("v", new Linear(size, 1, bias: false, generator));
    }

    /// <summary>A: features inside tanh.</summary>
    public int AttentionSize { get; }

    /// <summary>W₁ and b: <c>query_proj</c>, H_q → A.</summary>
    public Linear QueryProjection { get; }

    /// <summary>W₂: <c>key_proj</c>, H_k → A, no bias.</summary>
    public Linear KeyProjection { get; }

    /// <summary>vᵀ: <c>v</c>, A → 1, no bias.</summary>
    public Linear V { get; }

    private protected override Tensor ComputeScores(Tensor query, Tensor keys)
    {
        // (N, T, 1, A) + (N, 1, S, A) → (N, T, S, A) → tanh → (N, T, S, 1) → (N, T, S).
        Tensor projectedQuery = QueryProjection.Forward(query).Unsqueeze(2);
        Tensor projectedKeys = KeyProjection.Forward(keys).Unsqueeze(1);
        return V.Forward(projectedQuery.Add(projectedKeys).Tanh()).Squeeze(-1);
    }
}
