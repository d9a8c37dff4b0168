using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>A tensor computed by a per-sequence network, with the attention weights that formed it.</summary>
/// <param name="Value">The result, e.g. a summary (N, D·H) or the head's outputs (N, K).</param>
/// <param name="AttentionWeights">α: (N, L), each row summing to 1 over the sequence's steps; null without attention.</param>
internal sealed record WeightedOutput(Tensor Value, Tensor? AttentionWeights);
