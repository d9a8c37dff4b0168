using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What an attention layer returns: the context vectors and the attention weights that formed them.</summary>
/// <param name="Context">
/// c = Σ_i α_i v_i for each query: (N, H_v) for a single query per sequence, (N, T, H_v) for T queries, or
/// (N, h, T, H_v) for <see cref="ScaledDotProductAttention"/> with a heads dimension.
/// </param>
/// <param name="Weights">
/// The attention weights α (an attention map) over the S source positions: shaped like <paramref name="Context"/>
/// with the last size replaced by S. Each row sums to 1 over the unmasked positions and is exactly 0 at masked ones
/// (after dropout, when dropout is applied).
/// </param>
public sealed record AttentionOutput(Tensor Context, Tensor Weights);
