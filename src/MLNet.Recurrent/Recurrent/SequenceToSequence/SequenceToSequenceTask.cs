using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The sequence-to-sequence task for the <see cref="Trainer"/>: teacher forcing (decoder input BOS y₁ … y_m, labels
/// y₁ … y_m EOS) and cross-entropy over the unpadded target steps; validation also reports the teacher-forced per-token
/// "accuracy".
/// </summary>
/// <param name="model">The engine model.</param>
/// <param name="spec">Token ids (BOS, EOS, padding 0).</param>
internal sealed class SequenceToSequenceTask(Seq2SeqModel model, SequenceToSequenceSpec spec) : ISupervisedTask<LabeledSequence<int[]>>
{
    private readonly CrossEntropyLoss _loss = new(ignoreIndex: 0);

    /// <inheritdoc/>
    public Module Model => model;

    /// <inheritdoc/>
    public int Length(LabeledSequence<int[]> example) => example.Features.Length;

    /// <inheritdoc/>
    public Tensor Loss(IReadOnlyList<LabeledSequence<int[]>> batch) => Compute(batch).Loss;

    /// <inheritdoc/>
    /// <returns>"loss" and "accuracy" (teacher-forced next-token accuracy over the target steps, EOS included).</returns>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<LabeledSequence<int[]>> batch)
    {
        var (loss, logits, labels) = Compute(batch);
        return new Dictionary<string, double>
        {
            ["loss"] = loss.ToScalar(),
            ["accuracy"] = TokenAccuracy.Of(logits.ToArray(), logits.Size(-1), labels, ignore: 0),
        };
    }

    private (Tensor Loss, Tensor Logits, int[] Labels) Compute(IReadOnlyList<LabeledSequence<int[]>> batch)
    {
        var padded = Seq2SeqBatch.Create([.. batch.Select(e => e.Features.Tokens!)], [.. batch.Select(e => e.Label)], 0, 0, spec.Bos, spec.Eos);
        Seq2SeqOutput output = model.Forward(padded.Source, padded.SourceLengths, padded.DecoderInput);
        Tensor logits = output.Logits.Reshape(-1, output.Logits.Size(-1));
        int[] labels = [.. padded.Labels.Cast<int>()];
        return (_loss.Forward(logits, labels), logits, labels);
    }
}
