using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Multiplicative (Luong) attention (Luong, Pham &amp; Manning, 2015):
/// <code>
/// e_i = sᵀ h̄_i          (Dot)
/// e_i = sᵀ W h̄_i        (General)
/// α = softmax(e) over the unmasked source positions
/// c = Σ_i α_i h̄_i
/// </code>
/// </summary>
/// <remarks>
/// <para>Parameter (General only): <c>weight</c> W (H_q, H_k), initialised from U(−1/√H_k, 1/√H_k) — the layout and
/// initialisation of PyTorch's <c>nn.Linear(H_k, H_q, bias=False).weight</c>, so <c>sᵀ W h̄ = s · linear(h̄)</c>.
/// Computed as (s W) h̄ᵀ: two batched products, no (N, T, S, ·) intermediate.</para>
/// <para>Luong's attentional hidden state h̃_t = tanh(W_c [c_t; h_t]) is a separate <see cref="Linear"/> over the
/// concatenation, left to the decoder. See <see cref="AlignmentAttention"/> for shapes, masks and lengths.</para>
/// </remarks>
public sealed class LuongAttention : AlignmentAttention
{
    /// <summary>Creates the layer.</summary>
    /// <param name="querySize">H_q: features of the query s.</param>
    /// <param name="keySize">H_k: features of the keys h̄; must equal H_q for <see cref="LuongScore.Dot"/>.</param>
    /// <param name="score">The score function. Default <see cref="LuongScore.General"/>.</param>
    /// <param name="generator">Seeded generator for initialising W; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="score"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="score"/> is Dot and H_q ≠ H_k.</exception>
    public LuongAttention(int querySize, int keySize, LuongScore score = LuongScore.General, RandomGenerator? generator = null)
        : base(querySize, keySize)
    {
        if (score is not (LuongScore.Dot or LuongScore.General))
        {
            ThrowHelper.OutOfRange(nameof(score), score, "LuongScore.Dot or LuongScore.General");
        }
        if (score == LuongScore.Dot && querySize != keySize)
        {
            ThrowHelper.Argument(nameof(keySize), $"the Dot score needs H_k equal to H_q={querySize}, got {keySize}; use LuongScore.General for different sizes.");
        }
        Score = score;
        if (score == LuongScore.General)
        {
            float bound = 1f / MathF.Sqrt(keySize);
            Weight = RegisterParameter("weight", Tensor.Uniform(generator ?? new RandomGenerator(0), -bound, bound, querySize, keySize));
        }
    }

    /// <summary>The score function.</summary>
    public LuongScore Score { get; }

    /// <summary>W: (H_q, H_k) for General; null for Dot.</summary>
    public Tensor? Weight { get; }

    private protected override Tensor ComputeScores(Tensor query, Tensor keys)
    {
        Tensor projected = Weight is null ? query : query.MatMul(Weight);
        return projected.MatMul(keys.Transpose(1, 2));
    }
}
