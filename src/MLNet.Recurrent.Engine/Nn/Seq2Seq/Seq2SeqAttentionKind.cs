namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The attention a <see cref="Seq2SeqDecoder"/> uses over the encoder outputs h̄ (see <see cref="Seq2SeqDecoder"/> for
/// where each kind enters the decoder step).
/// </summary>
public enum Seq2SeqAttentionKind
{
    /// <summary>No attention: the decoder sees the source only through its initial state (Sutskever et al., 2014).</summary>
    None,

    /// <summary>
    /// Additive attention (Bahdanau, Cho &amp; Bengio, 2015), <c>e_i = vᵀ tanh(W₁ s_{t−1} + b + W₂ h̄_i)</c>, queried with
    /// the previous decoder state s_{t−1}; the context c_t is fed to the recurrent cell's input. See <see cref="AdditiveAttention"/>.
    /// </summary>
    Bahdanau,

    /// <summary>
    /// Luong's dot score (Luong, Pham &amp; Manning, 2015), <c>e_i = h_tᵀ h̄_i</c>, queried with the current decoder state h_t;
    /// needs the encoder output size D·H to equal the decoder's H (so a unidirectional encoder). See <see cref="LuongAttention"/>.
    /// </summary>
    LuongDot,

    /// <summary>Luong's general score, <c>e_i = h_tᵀ W h̄_i</c>, queried with the current decoder state h_t. See <see cref="LuongAttention"/>.</summary>
    LuongGeneral,
}
