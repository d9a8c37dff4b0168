using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Tests.Recurrent;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Serving;

/// <summary>
/// A trained recurrent classifier shared by many threads — through a <see cref="PredictionEnginePool{TData, TPrediction}"/>
/// and through concurrent <c>Transform</c> calls — predicts exactly what it predicts on one thread.
/// </summary>
public sealed class RecurrentPredictionConcurrencyTests
{
    private sealed class TokenRow
    {
        [KeyType(10)]
        public uint[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }

        public float Score { get; set; }
    }

    private static SequenceClassificationTransformer Train(RecurrentCellKind cell)
        => new MLContext(seed: 5).BinaryClassification.Trainers.Recurrent(new SequenceClassificationOptions
        {
            Cell = cell, HiddenSize = 16, NumberOfEpochs = 2, Bidirectional = true, Attention = RecurrentAttention.Additive,
        }).Fit(SequenceData.ContainsToken(seed: 5, count: 200));

    [Theory]
    [InlineData(RecurrentCellKind.Lstm)]
    [InlineData(RecurrentCellKind.Gru)]
    public void Pool_predictions_from_eight_threads_equal_single_threaded_ones(RecurrentCellKind cell)
    {
        var model = Train(cell);
        var mlContext = new MLContext(seed: 1);
        var rows = SequenceData.RandomTokens(new Random(9), 400, 10, 1, 30).Select(t => new TokenRow { Features = t }).ToArray();
        using var engine = mlContext.Model.CreatePredictionEngine<TokenRow, Prediction>(model);
        var expected = rows.Select(row => engine.Predict(row)).Select(p => (p.PredictedLabel, p.Probability, p.Score)).ToArray();

        using var pool = new PredictionEnginePool<TokenRow, Prediction>(model);
        const int Rounds = 3;
        var actual = new (bool, float, float)[Rounds * rows.Length];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var p = pool.Predict(rows[i % rows.Length]);
            actual[i] = (p.PredictedLabel, p.Probability, p.Score);
        });

        for (int round = 0; round < Rounds; round++)
        {
            Assert.Equal(expected, actual.AsSpan(round * rows.Length, rows.Length).ToArray());
        }
    }

    [Fact]
    public void Concurrent_transforms_of_one_model_equal_a_single_transform()
    {
        var model = Train(RecurrentCellKind.Gru);
        var data = SequenceData.ContainsToken(seed: 11, count: 300);
        float[] expected = [.. SequenceData.Read<float>(model.Transform(data), "Probability")];
        var results = new float[6][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 },
            i => results[i] = [.. SequenceData.Read<float>(model.Transform(data), "Probability")]);
        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
