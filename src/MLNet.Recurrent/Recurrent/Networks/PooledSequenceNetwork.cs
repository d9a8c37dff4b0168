using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The network of the per-sequence estimators (classification, regression, forecasting): a
/// <see cref="SequenceEncoder"/>, a <see cref="SequencePooling"/> summary s, dropout and a linear head,
/// <code>y = W_head · dropout(s) + b_head</code>
/// with K outputs: 1 logit (binary), C logits (multiclass), 1 standardised value (regression) or the horizon's
/// standardised values (forecasting).
/// </summary>
/// <remarks>Parameters: <c>encoder.*</c>, <c>pooling.attention.*</c> (with attention), <c>head.weight</c> (K, D·H),
/// <c>head.bias</c> (K). All are initialised from one generator seeded with the estimator's seed.</remarks>
public sealed class PooledSequenceNetwork : Module
{
    internal PooledSequenceNetwork(RecurrentNetworkSpec spec)
    {
        var generator = new RandomGenerator(spec.Seed);
        Encoder = RegisterModule("encoder", new SequenceEncoder(spec, generator));
        Pooling = RegisterModule("pooling", new SequencePooling(spec.Attention, Encoder.OutputSize, spec.AttentionSize, generator));
        Head = RegisterModule("head", new Linear(Encoder.OutputSize, spec.OutputSize, bias: true, generator));
    }

    /// <summary>The embedding and recurrent stack.</summary>
    public SequenceEncoder Encoder { get; }

    /// <summary>The summary of each sequence.</summary>
    public SequencePooling Pooling { get; }

    /// <summary>The linear head, D·H → K.</summary>
    public Linear Head { get; }

    /// <summary>Runs the network over a batch.</summary>
    /// <param name="batch">The padded sequences.</param>
    /// <returns>The head's outputs (N, K) and the attention weights α (N, L), or null without attention.</returns>
    internal WeightedOutput Forward(SequenceBatch batch)
    {
        RecurrentOutput recurrent = Encoder.Forward(batch);
        WeightedOutput summary = Pooling.Forward(recurrent.Output, Encoder.FinalState(recurrent), batch.Lengths);
        return summary with { Value = Head.Forward(Encoder.Dropout(summary.Value)) };
    }
}
