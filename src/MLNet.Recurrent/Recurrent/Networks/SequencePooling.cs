using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Summarises a sequence's recurrent outputs h_1 … h_L (each D·H features) into one vector s of D·H features:
/// <code>
/// None:     s = h_final                      (the top layer's final state, both directions)
/// Pooling:  e_t = uᵀ tanh(W h_t + b)          (learned query u)
/// Additive: e_t = vᵀ tanh(W₁ h_final + b + W₂ h_t)
/// Luong:    e_t = h_finalᵀ W h_t
/// α = softmax(e) over the sequence's own steps,   s = Σ_t α_t h_t
/// </code>
/// </summary>
/// <remarks>Parameters: those of the child <c>attention</c> (<see cref="AttentionPooling"/>, <see cref="AdditiveAttention"/>
/// or <see cref="LuongAttention"/>); none for <see cref="RecurrentAttention.None"/>.</remarks>
public sealed class SequencePooling : Module
{
    internal SequencePooling(RecurrentAttention kind, int size, int? attentionSize, RandomGenerator generator)
    {
        Kind = kind;
        Attention = kind switch
        {
            RecurrentAttention.None => null,
            RecurrentAttention.Pooling => RegisterModule<Module>("attention", new AttentionPooling(size, attentionSize, batchFirst: false, generator)),
            RecurrentAttention.Additive => RegisterModule<Module>("attention", new AdditiveAttention(size, size, attentionSize, bias: true, generator)),
            RecurrentAttention.Luong => RegisterModule<Module>("attention", new LuongAttention(size, size, LuongScore.General, generator)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind: expected a defined RecurrentAttention, got {kind}."),
        };
    }

    /// <summary>The kind of summary.</summary>
    public RecurrentAttention Kind { get; }

    /// <summary>The attention layer, or null for <see cref="RecurrentAttention.None"/>.</summary>
    public Module? Attention { get; }

    /// <summary>Summarises each sequence.</summary>
    /// <param name="outputs">h: (L, N, D·H), zero past each length.</param>
    /// <param name="finalState">h_final: (N, D·H).</param>
    /// <param name="lengths">N lengths in [1, L].</param>
    /// <returns>s: (N, D·H), and α: (N, L) (null for None).</returns>
    internal WeightedOutput Forward(Tensor outputs, Tensor finalState, int[] lengths)
    {
        AttentionOutput? attended = Attention switch
        {
            null => null,
            AttentionPooling pooling => pooling.Forward(outputs, lengths),
            AlignmentAttention alignment => alignment.Forward(finalState, outputs.Transpose(0, 1), null, lengths),
            _ => throw new InvalidOperationException($"Unexpected attention module {Attention.GetType().Name}."),
        };
        return attended is null ? new WeightedOutput(finalState, null) : new WeightedOutput(attended.Context, attended.Weights);
    }
}
