using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace Seq2SeqAddition;

/// <summary>
/// The addition task for the <see cref="Trainer"/>: a <see cref="Seq2SeqModel"/> reads "a+b" and is trained with
/// teacher forcing to emit the digits of a + b then EOS, by cross-entropy ignoring padded steps.
/// </summary>
/// <param name="model">The model (source and target vocabulary <see cref="AdditionVocabulary"/>).</param>
public sealed class AdditionTask(Seq2SeqModel model) : ISupervisedTask<AdditionExample>
{
    private readonly CrossEntropyLoss _loss = new(ignoreIndex: AdditionVocabulary.Pad);

    /// <inheritdoc/>
    public Module Model => model;

    /// <inheritdoc/>
    public int Length(AdditionExample example) => example.Source.Length;

    /// <inheritdoc/>
    public Tensor Loss(IReadOnlyList<AdditionExample> batch)
    {
        Seq2SeqBatch padded = Pad(batch);
        Seq2SeqOutput output = model.Forward(padded.Source, padded.SourceLengths, padded.DecoderInput);
        return _loss.Forward(output.Logits.Reshape(-1, AdditionVocabulary.Size), Flat(padded.Labels));
    }

    /// <inheritdoc/>
    /// <returns>"loss" (teacher-forced cross-entropy) and "exact_match" (greedy decoding).</returns>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<AdditionExample> batch)
        => new Dictionary<string, double>
        {
            ["loss"] = Loss(batch).ToScalar(),
            ["exact_match"] = ExactMatch(batch, beamWidth: 1),
        };

    /// <summary>The fraction of <paramref name="examples"/> whose decoded sum is exactly right (the model should be in evaluation mode).</summary>
    /// <param name="examples">The expressions.</param>
    /// <param name="beamWidth">1 for greedy decoding, more for beam search.</param>
    /// <returns>A fraction in [0, 1].</returns>
    public double ExactMatch(IReadOnlyList<AdditionExample> examples, int beamWidth)
    {
        int correct = 0;
        const int chunk = 256;
        for (int start = 0; start < examples.Count; start += chunk)
        {
            var part = examples.Skip(start).Take(chunk).ToList();
            var (source, lengths) = Seq2SeqBatch.Pad([.. part.Select(e => e.Source)], AdditionVocabulary.Pad);
            int maxLength = lengths.Max() + 1;   // a sum has at most as many digits as "a+b" has characters, plus the EOS
            IReadOnlyList<Seq2SeqHypothesis> decoded = beamWidth == 1
                ? model.GreedyDecode(source, lengths, AdditionVocabulary.Bos, AdditionVocabulary.Eos, maxLength)
                : model.BeamSearch(source, lengths, AdditionVocabulary.Bos, AdditionVocabulary.Eos, beamWidth, maxLength);
            for (int i = 0; i < part.Count; i++)
            {
                if (decoded[i].Finished && decoded[i].Tokens.AsSpan().SequenceEqual(part[i].Target))
                {
                    correct++;
                }
            }
        }
        return (double)correct / examples.Count;
    }

    private static Seq2SeqBatch Pad(IReadOnlyList<AdditionExample> batch)
        => Seq2SeqBatch.Create([.. batch.Select(e => e.Source)], [.. batch.Select(e => e.Target)],
            AdditionVocabulary.Pad, AdditionVocabulary.Pad, AdditionVocabulary.Bos, AdditionVocabulary.Eos);

    private static int[] Flat(int[,] labels) => [.. labels.Cast<int>()];
}
