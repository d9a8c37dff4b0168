using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The tagging task for the <see cref="Trainer"/>: cross-entropy of every step's tag logits against its tag (class
/// index, or <see cref="CrossEntropyLoss.DefaultIgnoreIndex"/> for a missing tag), averaged over the tagged steps;
/// validation also reports the per-step "accuracy".
/// </summary>
/// <param name="network">The network.</param>
/// <param name="scaling">The standardisation of Single features (null for tokens).</param>
internal sealed class SequenceTaggingTask(SequenceTaggingNetwork network, FeatureScaling? scaling) : ISupervisedTask<LabeledSequence<int[]>>
{
    private const int Ignore = CrossEntropyLoss.DefaultIgnoreIndex;
    private readonly CrossEntropyLoss _loss = new();

    /// <inheritdoc/>
    public Module Model => network;

    /// <inheritdoc/>
    public int Length(LabeledSequence<int[]> example) => example.Features.Length;

    /// <inheritdoc/>
    public Tensor Loss(IReadOnlyList<LabeledSequence<int[]>> batch) => Compute(batch).Loss;

    /// <inheritdoc/>
    /// <returns>"loss" and "accuracy" (the fraction of tagged steps whose most probable tag is right).</returns>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<LabeledSequence<int[]>> batch)
    {
        var (loss, logits, targets) = Compute(batch);
        return new Dictionary<string, double>
        {
            ["loss"] = loss.ToScalar(),
            ["accuracy"] = TokenAccuracy.Of(logits.ToArray(), logits.Size(-1), targets, Ignore),
        };
    }

    /// <summary>The loss, the (L·N, C) logits and the L·N time-major targets of a batch.</summary>
    private (Tensor Loss, Tensor Logits, int[] Targets) Compute(IReadOnlyList<LabeledSequence<int[]>> batch)
    {
        var padded = SequenceBatch.Collate([.. batch.Select(e => e.Features)], scaling);
        Tensor logits = network.Forward(padded);
        int steps = padded.Steps, count = padded.Count;
        var targets = new int[steps * count];
        Array.Fill(targets, Ignore);
        for (int n = 0; n < count; n++)
        {
            int[] tags = batch[n].Label;
            for (int t = 0; t < tags.Length; t++)
            {
                targets[t * count + n] = tags[t];
            }
        }

        Tensor flat = logits.Reshape(steps * count, logits.Size(-1));
        return (_loss.Forward(flat, targets), flat, targets);
    }
}
