using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>A per-sequence task for the <see cref="Trainer"/>: a <see cref="PooledSequenceNetwork"/> and an objective over its outputs.</summary>
/// <typeparam name="TLabel">The label's form.</typeparam>
/// <param name="network">The network.</param>
/// <param name="objective">The loss and metrics.</param>
/// <param name="scaling">The standardisation of Single features (null for tokens).</param>
internal sealed class PooledSequenceTask<TLabel>(PooledSequenceNetwork network, ISequenceObjective<TLabel> objective, FeatureScaling? scaling)
    : ISupervisedTask<LabeledSequence<TLabel>>
{
    /// <inheritdoc/>
    public Module Model => network;

    /// <inheritdoc/>
    public int Length(LabeledSequence<TLabel> example) => example.Features.Length;

    /// <inheritdoc/>
    public Tensor Loss(IReadOnlyList<LabeledSequence<TLabel>> batch)
        => objective.Loss(Forward(batch), [.. batch.Select(e => e.Label)]);

    /// <inheritdoc/>
    /// <returns>"loss" and the objective's metrics.</returns>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<LabeledSequence<TLabel>> batch)
    {
        Tensor outputs = Forward(batch);
        TLabel[] labels = [.. batch.Select(e => e.Label)];
        var metrics = new Dictionary<string, double>(objective.Metrics(outputs, labels)) { ["loss"] = objective.Loss(outputs, labels).ToScalar() };
        return metrics;
    }

    private Tensor Forward(IReadOnlyList<LabeledSequence<TLabel>> batch)
        => network.Forward(SequenceBatch.Collate([.. batch.Select(e => e.Features)], scaling)).Value;
}
