using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What one <see cref="Seq2SeqDecoder.Step"/> returns.</summary>
/// <param name="Logits">Unnormalised scores of the next token, (N, V_tgt).</param>
/// <param name="Attention">α_t: the attention weights over the source positions, (N, S); each row sums to 1 over the first
/// sourceLengths[n] positions and is 0 past them. Null without attention.</param>
/// <param name="State">The state to pass to the next step.</param>
public sealed record Seq2SeqDecoderStep(Tensor Logits, Tensor? Attention, Seq2SeqDecoderState State);
