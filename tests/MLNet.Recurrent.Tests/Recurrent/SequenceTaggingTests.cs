using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Recurrent;

public class SequenceTaggingTests
{
    private static SequenceTaggingOptions Small(int epochs = 12) => new()
    {
        Cell = RecurrentCellKind.Gru, HiddenSize = 24, EmbeddingSize = 8, NumberOfEpochs = epochs, LearningRate = 0.02f, BatchSize = 16,
    };

    [Fact]
    public void Tagger_learns_to_tag_each_step_with_the_previous_token()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.Transforms.Recurrent.SequenceTagging(Small()).Fit(SequenceData.PreviousToken(seed: 1, count: 300));

        var test = model.Transform(SequenceData.PreviousToken(seed: 2, count: 200));
        var predicted = SequenceData.Read<VBuffer<uint>>(test, "PredictedLabel");
        var expected = SequenceData.Read<VBuffer<uint>>(test, "Label");
        var scores = SequenceData.Read<VBuffer<float>>(test, "Score");
        int steps = 0, right = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Length, predicted[i].Length);
            Assert.Equal(expected[i].Length * 7, scores[i].Length);
            steps += expected[i].Length;
            right += expected[i].GetValues().ToArray().Zip(predicted[i].GetValues().ToArray()).Count(p => p.First == p.Second);
            for (int t = 0; t < expected[i].Length; t++)
            {
                float[] step = scores[i].GetValues().Slice(t * 7, 7).ToArray();
                Assert.Equal(1f, step.Sum(), 1e-5f);
                Assert.Equal(predicted[i].GetValues()[t], (uint)Array.IndexOf(step, step.Max()) + 1);
            }
        }

        Assert.True(right >= 0.95 * steps, $"per-step accuracy {right / (double)steps}");
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        test.Schema["PredictedLabel"].Annotations.GetValue(AnnotationKinds.KeyValues, ref keyValues);
        Assert.Equal("start", keyValues.GetValues()[0].ToString());
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 0, 7), test.Schema["Score"].Type);
        Assert.Equal(7, model.NumberOfTags);
    }

    [Fact]
    public void Tagger_checks_that_tags_align_with_steps_and_round_trips()
    {
        var mlContext = new MLContext(1);
        var misaligned = new InMemoryDataView(
        [
            ("Features", SequenceData.Keys(6), SequenceData.ToKeyColumn([[1u, 2u, 3u]]), null),
            ("Label", SequenceData.Keys(7), SequenceData.ToKeyColumn([[1u, 2u]]), null),
        ]);
        var error = Assert.Throws<InvalidDataException>(() => mlContext.Transforms.Recurrent.SequenceTagging(Small(1)).Fit(misaligned));
        Assert.Contains("column 'Label', row 0: expected one tag per step (3), got 2", error.Message);

        var scalarLabel = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceTagging()
            .GetOutputSchema(SchemaShape.Create(SequenceData.FirstTokenClass(seed: 1, count: 2).Schema)));
        Assert.Contains("Vector<Key>", scalarLabel.Expected);

        var data = SequenceData.PreviousToken(seed: 1, count: 32);
        var options = Small(2);
        options.Bidirectional = true;
        options.Cell = RecurrentCellKind.Lstm;
        var model = mlContext.Transforms.Recurrent.SequenceTagging(options).Fit(data);
        var loaded = ModelRoundTrip.SaveAndLoad<SequenceTaggingTransformer>(model, mlContext);
        Assert.Equal(SequenceData.Read<VBuffer<float>>(model.Transform(data), "Score").Select(v => v.ToArray()),
            SequenceData.Read<VBuffer<float>>(loaded.Transform(data), "Score").Select(v => v.ToArray()));
        Assert.Equal(model.TagNames, loaded.TagNames);
        Assert.Equal(SchemaShape.Create(model.GetOutputSchema(data.Schema)).Select(c => c.ToString()),
            mlContext.Transforms.Recurrent.SequenceTagging(options).GetOutputSchema(SchemaShape.Create(data.Schema)).Select(c => c.ToString()));
    }
}
