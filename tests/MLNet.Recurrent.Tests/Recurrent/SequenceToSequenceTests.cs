using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Recurrent;

public class SequenceToSequenceTests
{
    private static SequenceToSequenceOptions Small(int epochs = 20) => new()
    {
        Cell = RecurrentCellKind.Lstm, HiddenSize = 32, EmbeddingSize = 16, NumberOfEpochs = epochs, LearningRate = 0.02f,
    };

    private static double ExactMatch(IDataView output)
        => SequenceData.Read<VBuffer<uint>>(output, "PredictedLabel").Zip(SequenceData.Read<VBuffer<uint>>(output, "Label"))
            .Count(p => p.First.GetValues().SequenceEqual(p.Second.GetValues())) / (double)output.GetRowCount()!.Value;

    [Fact]
    public void Encoder_decoder_learns_to_reverse_sequences_and_attends_to_the_mirrored_token()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.Transforms.Recurrent.SequenceToSequence(Small()).Fit(SequenceData.Reversal(seed: 1, count: 600));
        var test = SequenceData.Reversal(seed: 2, count: 200);
        var output = model.Transform(test);
        double greedy = ExactMatch(output);
        Assert.True(greedy >= 0.9, $"greedy exact match {greedy}");

        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        output.Schema["PredictedLabel"].Annotations.GetValue(AnnotationKinds.KeyValues, ref keyValues);
        Assert.Equal("a", keyValues.GetValues()[0].ToString());
        Assert.All(SequenceData.Read<float>(output, "Score"), score => Assert.True(score <= 0f && float.IsFinite(score)));

        var sources = SequenceData.Read<VBuffer<uint>>(test, "Features");
        var maps = model.GetAttentionWeights(test);
        int steps = 0, mirrored = 0;
        for (int i = 0; i < maps.Count; i++)
        {
            int length = sources[i].Length;
            Assert.Equal(length, maps[i].GetLength(1));
            for (int t = 0; t < maps[i].GetLength(0); t++)
            {
                float[] row = [.. Enumerable.Range(0, length).Select(s => maps[i][t, s])];
                Assert.Equal(1f, row.Sum(), 1e-4f);
                if (t < length)
                {
                    steps++;
                    mirrored += Array.IndexOf(row, row.Max()) == length - 1 - t ? 1 : 0;
                }
            }
        }

        Assert.True(mirrored >= 0.8 * steps, $"output step t attends most to source position L − 1 − t in {mirrored} of {steps} steps");
    }

    [Fact]
    public void Beam_search_decodes_the_same_model_and_the_model_round_trips()
    {
        var mlContext = new MLContext(seed: 2);
        var options = Small(epochs: 3);
        options.Attention = RecurrentAttention.Additive;
        options.Cell = RecurrentCellKind.Gru;
        options.Bidirectional = true;
        var data = SequenceData.Reversal(seed: 3, count: 64);
        var greedy = mlContext.Transforms.Recurrent.SequenceToSequence(options).Fit(data);
        var loaded = ModelRoundTrip.SaveAndLoad<SequenceToSequenceTransformer>(greedy, mlContext);
        Assert.Equal(SequenceData.Read<VBuffer<uint>>(greedy.Transform(data), "PredictedLabel").Select(v => v.ToArray()),
            SequenceData.Read<VBuffer<uint>>(loaded.Transform(data), "PredictedLabel").Select(v => v.ToArray()));
        Assert.Equal(SequenceData.Read<float>(greedy.Transform(data), "Score"), SequenceData.Read<float>(loaded.Transform(data), "Score"));

        options.BeamWidth = 4;
        var beam = new MLContext(seed: 2).Transforms.Recurrent.SequenceToSequence(options).Fit(data);
        var greedyScores = SequenceData.Read<float>(greedy.Transform(data), "Score");
        var beamScores = SequenceData.Read<float>(beam.Transform(data), "Score");
        // Same seed, same weights: beam search finds sequences at least as probable as greedy decoding's.
        Assert.Equal(greedy.Model.StateDict()["decoder.output.weight"].ToArray(), beam.Model.StateDict()["decoder.output.weight"].ToArray());
        Assert.All(greedyScores.Zip(beamScores), p => Assert.True(p.Second >= p.First - 1e-4f, $"beam {p.Second} < greedy {p.First}"));
        Assert.Equal(4, beam.BeamWidth);
    }

    [Fact]
    public void Sequence_to_sequence_checks_its_columns_and_options()
    {
        var mlContext = new MLContext(1);
        var floats = SequenceData.Sums(seed: 1, count: 2);
        var source = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceToSequence().Fit(floats));
        Assert.Equal("Features", source.ColumnName);
        Assert.Contains("Vector<Key>", source.Expected);
        var target = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceToSequence()
            .GetOutputSchema(SchemaShape.Create(SequenceData.ContainsToken(seed: 1, count: 2).Schema)));
        Assert.Equal("Label", target.ColumnName);
        var pooling = Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Transforms.Recurrent.SequenceToSequence(attention: RecurrentAttention.Pooling));
        Assert.Equal("options.Attention", pooling.ParamName);
    }
}
