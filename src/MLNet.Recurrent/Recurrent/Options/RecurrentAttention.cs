namespace MLNet.Recurrent.Transforms;

/// <summary>How a recurrent estimator attends over the recurrent layer's outputs h_1 … h_L.</summary>
/// <remarks>
/// For the per-sequence estimators (classification, regression, forecasting) attention replaces the final state as the
/// summary of the sequence; its weights α are exposed by the transformers' <c>GetAttentionWeights</c>. For
/// sequence-to-sequence models it is the decoder's attention over the encoder outputs.
/// </remarks>
public enum RecurrentAttention
{
    /// <summary>No attention: the sequence is summarised by the final hidden state of the top layer (both directions concatenated when bidirectional).</summary>
    None,

    /// <summary>
    /// Attention pooling with a learned query u (Yang et al., 2016): e_t = uᵀ tanh(W h_t + b), α = softmax(e),
    /// summary = Σ_t α_t h_t. Per-sequence estimators only.
    /// </summary>
    Pooling,

    /// <summary>
    /// Additive (Bahdanau) attention, e_t = vᵀ tanh(W₁ q + b + W₂ h_t): for per-sequence estimators the query q is the
    /// final hidden state; for sequence-to-sequence models it is the previous decoder state.
    /// </summary>
    Additive,

    /// <summary>
    /// Multiplicative (Luong, "general") attention, e_t = qᵀ W h_t: for per-sequence estimators the query q is the final
    /// hidden state; for sequence-to-sequence models it is the current decoder state.
    /// </summary>
    Luong,
}
