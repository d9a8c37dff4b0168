using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What <see cref="MultiheadAttention"/> returns: PyTorch's <c>(attn_output, attn_output_weights)</c>.</summary>
/// <param name="Output">attn_output: (L, N, E), or (N, L, E) when batch-first.</param>
/// <param name="Weights">
/// attn_output_weights, after dropout: (N, L, S) averaged over the heads, or (N, h, L, S) per head when
/// average_attn_weights is false; null when need_weights is false.
/// </param>
public sealed record MultiheadAttentionOutput(Tensor Output, Tensor? Weights);
