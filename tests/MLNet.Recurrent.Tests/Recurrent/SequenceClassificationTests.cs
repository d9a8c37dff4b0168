using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Recurrent;

public class SequenceClassificationTests
{
    private static SequenceClassificationOptions Small(RecurrentAttention attention = RecurrentAttention.None) => new()
    {
        Cell = RecurrentCellKind.Gru,
        HiddenSize = 16,
        EmbeddingSize = 8,
        NumberOfEpochs = 8,
        LearningRate = 0.02f,
        Attention = attention,
    };

    [Fact]
    public void Binary_classifier_learns_whether_a_sequence_contains_a_token()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.Transforms.Recurrent.SequenceClassification(Small()).Fit(SequenceData.ContainsToken(seed: 1, count: 400));

        var test = model.Transform(SequenceData.ContainsToken(seed: 2, count: 200));
        var predicted = SequenceData.Read<bool>(test, "PredictedLabel");
        var expected = SequenceData.Read<bool>(test, "Label");
        Assert.True(SequenceData.Agreement(predicted, expected) >= 0.95, $"accuracy {SequenceData.Agreement(predicted, expected)}");

        var scores = SequenceData.Read<float>(test, "Score");
        var probabilities = SequenceData.Read<float>(test, "Probability");
        for (int i = 0; i < scores.Count; i++)
        {
            Assert.Equal(1 / (1 + MathF.Exp(-scores[i])), probabilities[i], 1e-6f);
            Assert.Equal(scores[i] > 0, predicted[i]);
        }

        Assert.True(model.IsBinary);
        Assert.Equal(8, model.TrainingHistory.Epochs.Count);
        Assert.True(model.TrainingHistory.TrainingLoss[^1] < model.TrainingHistory.TrainingLoss[0] / 2);
    }

    [Fact]
    public void Multiclass_classifier_predicts_keys_with_the_labels_key_values()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.MulticlassClassification.Trainers.Recurrent(Small()).Fit(SequenceData.FirstTokenClass(seed: 1, count: 400));

        var test = model.Transform(SequenceData.FirstTokenClass(seed: 2, count: 200));
        var predicted = SequenceData.Read<uint>(test, "PredictedLabel");
        var expected = SequenceData.Read<uint>(test, "Label");
        Assert.True(SequenceData.Agreement(predicted, expected) >= 0.95, $"accuracy {SequenceData.Agreement(predicted, expected)}");

        var predictedColumn = test.Schema["PredictedLabel"];
        Assert.Equal(new KeyDataViewType(typeof(uint), 4), predictedColumn.Type);
        var keyValues = default(VBuffer<ReadOnlyMemory<char>>);
        predictedColumn.Annotations.GetValue(AnnotationKinds.KeyValues, ref keyValues);
        Assert.Equal(["c0", "c1", "c2", "c3"], keyValues.DenseValues().Select(v => v.ToString()));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), test.Schema["Score"].Type);
        foreach (var scores in SequenceData.Read<VBuffer<float>>(test, "Score"))
        {
            Assert.Equal(1f, scores.DenseValues().Sum(), 1e-5f);
        }

        Assert.Equal(["c0", "c1", "c2", "c3"], model.ClassNames);
        Assert.False(model.IsBinary);
        Assert.Equal(4, model.NumberOfClasses);
    }

    [Fact]
    public void Binary_classifier_reads_variable_length_feature_vectors()
    {
        var mlContext = new MLContext(seed: 3);
        var options = Small();
        options.FeaturesPerStep = 2;
        options.NumberOfEpochs = 20;
        var model = mlContext.BinaryClassification.Trainers.Recurrent(options).Fit(SequenceData.MeanSign(seed: 3, count: 400));

        var test = model.Transform(SequenceData.MeanSign(seed: 4, count: 200));
        double accuracy = SequenceData.Agreement(SequenceData.Read<bool>(test, "PredictedLabel"), SequenceData.Read<bool>(test, "Label"));
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");
        Assert.Equal(SequenceInputKind.Vectors, model.InputKind);
    }

    [Theory]
    [InlineData(RecurrentAttention.Pooling)]
    [InlineData(RecurrentAttention.Additive)]
    [InlineData(RecurrentAttention.Luong)]
    public void Attention_weights_cover_each_step_and_pooling_focuses_on_the_marker_token(RecurrentAttention attention)
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.Transforms.Recurrent.SequenceClassification(Small(attention)).Fit(SequenceData.ContainsToken(seed: 1, count: 400));
        var test = SequenceData.ContainsToken(seed: 2, count: 200);
        double accuracy = SequenceData.Agreement(SequenceData.Read<bool>(model.Transform(test), "PredictedLabel"), SequenceData.Read<bool>(test, "Label"));
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy}");

        var tokens = SequenceData.Read<VBuffer<uint>>(test, "Features");
        var weights = model.GetAttentionWeights(test);
        int positives = 0, focused = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            uint[] sequence = tokens[i].ToArray();
            Assert.Equal(sequence.Length, weights[i].Length);
            Assert.Equal(1f, weights[i].Sum(), 1e-5f);
            if (sequence.Contains(7u))
            {
                positives++;
                focused += sequence[Array.IndexOf(weights[i], weights[i].Max())] == 7u ? 1 : 0;
            }
        }

        // Pooling must find the marker to classify (its summary is the weighted average alone); Additive and Luong are
        // queried by the final state, which already knows the answer, so where they look is not pinned down.
        if (attention == RecurrentAttention.Pooling)
        {
            Assert.True(focused >= 0.9 * positives, $"the largest weight sits on the marker in {focused} of {positives} positive sequences");
        }
    }
}
