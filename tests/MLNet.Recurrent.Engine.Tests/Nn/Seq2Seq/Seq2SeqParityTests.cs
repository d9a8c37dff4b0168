using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Training;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>
/// <see cref="Seq2SeqModel"/> against the PyTorch reference of tools/fixtures/generate_seq2seq_fixtures.py (stock
/// nn.Embedding, packed nn.RNN/LSTM/GRU, nn.Linear): the weights load under the same state_dict names; logits, attention
/// maps and the loss agree to ‖ours − torch‖∞ ≤ 1e-5·‖torch‖∞ + 1e-6, every parameter gradient to 1e-5·‖torch‖∞ + 1e-6,
/// and greedy decoding returns the same tokens with log-probabilities within 1e-5.
/// </summary>
/// <param name="output">Receives the measured relative errors.</param>
public class Seq2SeqParityTests(ITestOutputHelper output)
{
    private const string Area = "seq2seq";

    public static IEnumerable<object[]> Cases() => ParityFixtures.Cases(Area);

    private static int[,] Tokens(Tensor values)
    {
        var result = new int[values.Size(0), values.Size(1)];
        for (int n = 0; n < result.GetLength(0); n++)
        {
            for (int t = 0; t < result.GetLength(1); t++)
            {
                result[n, t] = (int)values[n, t];
            }
        }
        return result;
    }

    private static int[] Ids(Tensor values) => [.. values.ToArray().Select(v => (int)v)];

    private static (Seq2SeqModel Model, ParityFixtures Fixture, int[,] Source, int[] Lengths) Load(string name)
    {
        ParityFixtures f = ParityFixtures.Load(Area, name, "mlnet-seq2seq-fixture/1");
        int pad = f.Int("pad");
        var model = new Seq2SeqModel(new Seq2SeqOptions
        {
            SourceVocabularySize = f.Int("source_vocabulary"),
            TargetVocabularySize = f.Int("target_vocabulary"),
            SourcePaddingIndex = pad,
            TargetPaddingIndex = pad,
            EmbeddingSize = f.Int("embedding_size"),
            HiddenSize = f.Int("hidden_size"),
            NumLayers = f.Int("num_layers"),
            Cell = Enum.Parse<RecurrentCellKind>(f.Text("cell")),
            Attention = Enum.Parse<Seq2SeqAttentionKind>(f.Text("attention")),
            AttentionSize = f.Int("attention_size"),
            InputFeeding = f.Bool("input_feeding"),
            BidirectionalEncoder = f.Bool("bidirectional"),
        });
        string[] names = f.Text("parameters").Split(',');
        Assert.Equal(names, model.NamedParameters().Select(p => p.Key));
        model.LoadStateDict(names.ToDictionary(n => n, f.Tensor));
        return (model, f, Tokens(f.Tensor("input.source")), Ids(f.Tensor("input.source_lengths")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardLossAndGradients_MatchPyTorch(string name)
    {
        var (model, f, source, lengths) = Load(name);
        int[,] target = Tokens(f.Tensor("input.target"));
        int[] labels = Ids(f.Tensor("input.labels"));

        Seq2SeqOutput result = model.Forward(source, lengths, target, f.Float("teacher_forcing_ratio"));
        double forward = ParityFixtures.AssertClose("logits", f.Tensor("expected.logits"), result.Logits);
        Tensor? attention = f.OptionalTensor("expected.attention");
        Assert.Equal(attention is null, result.Attention is null);
        if (attention is not null)
        {
            forward = Math.Max(forward, ParityFixtures.AssertClose("attention", attention, result.Attention));
        }

        Tensor loss = new CrossEntropyLoss(ignoreIndex: f.Int("pad")).Forward(result.Logits.Reshape(-1, model.Options.TargetVocabularySize), labels);
        forward = Math.Max(forward, ParityFixtures.AssertClose("loss", f.Tensor("expected.loss"), loss));
        loss.Backward();
        double backward = 0;
        foreach (var (parameter, value) in model.NamedParameters())
        {
            backward = Math.Max(backward, ParityFixtures.AssertClose("grad " + parameter, f.Tensor("expected.grad." + parameter), value.Grad ?? value.ZerosLike()));
        }
        output.WriteLine($"{name}: max relative error forward {forward:E2}, gradients {backward:E2}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GreedyDecoding_MatchesPyTorch(string name)
    {
        var (model, f, source, lengths) = Load(name);
        int eos = f.Int("eos");
        IReadOnlyList<Seq2SeqHypothesis> decoded = model.GreedyDecode(source, lengths, f.Int("bos"), eos, f.Int("max_length"));
        int[,] expected = Tokens(f.Tensor("expected.greedy.tokens"));
        float[] logProbability = f.Tensor("expected.greedy.log_probability").ToArray();
        for (int n = 0; n < decoded.Count; n++)
        {
            int[] row = [.. Enumerable.Range(0, expected.GetLength(1)).Select(t => expected[n, t]).TakeWhile(v => v >= 0)];
            bool finished = row.Length > 0 && row[^1] == eos;
            Assert.Equal(finished, decoded[n].Finished);
            Assert.Equal(finished ? row[..^1] : row, decoded[n].Tokens);
            Assert.Equal(logProbability[n], decoded[n].LogProbability, 1e-5 * Math.Max(1, Math.Abs(logProbability[n])));
        }
    }
}
