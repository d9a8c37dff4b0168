using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What <see cref="Seq2SeqModel.Forward"/> returns.</summary>
/// <param name="Logits">Unnormalised next-token scores for every decoder step, (N, T, V_tgt): row t scores the token
/// that follows the decoder input at step t.</param>
/// <param name="Attention">The attention maps α, (N, T, S): row t sums to 1 over the first sourceLengths[n] source
/// positions and is 0 past them. Null for <see cref="Seq2SeqAttentionKind.None"/>.</param>
public sealed record Seq2SeqOutput(Tensor Logits, Tensor? Attention);
