using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Docs;

/// <summary>
/// Runs the "after" pipeline of docs/mlnet-mapping.md ("Porting") as written there, on tiny in-memory data, so the
/// example in the document keeps compiling and working. Keep the two in step: the body of
/// <see cref="PortedPipeline"/> is the code block of the document.
/// </summary>
public class PortingExampleTests
{
    /// <summary>A row of the example: a sentence and the colour it mentions.</summary>
    public sealed class Sentence
    {
        public string Text = "";
        public string Color = "";
    }

    /// <summary>What the example's prediction engine returns.</summary>
    public sealed class ColorPrediction
    {
        public string PredictedColor = "";
        public float[] Score = [];
    }

    private static readonly string[] Colors = ["red", "green", "blue"];
    private static readonly string[] Fillers = ["the", "a", "car", "sky", "is", "very", "today", "looks", "my", "old", "house", "bright"];

    /// <summary>Sentences of 3–7 filler words with one colour word at a random place; the label is that colour.</summary>
    private static List<Sentence> MakeSentences(int seed, int count)
    {
        var random = new Random(seed);
        var sentences = new List<Sentence>(count);
        for (int i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, random.Next(3, 8)).Select(_ => Fillers[random.Next(Fillers.Length)]).ToList();
            string color = Colors[random.Next(Colors.Length)];
            words.Insert(random.Next(words.Count + 1), color);
            sentences.Add(new Sentence { Text = string.Join(' ', words), Color = color });
        }

        return sentences;
    }

    /// <summary>The document's example, verbatim from <c>var mlContext</c> to the prediction.</summary>
    private static (IDataView Predictions, MulticlassClassificationMetrics Metrics, ColorPrediction Prediction) PortedPipeline(List<Sentence> sentences)
    {
        var mlContext = new MLContext(seed: 1);
        IDataView data = mlContext.Data.LoadFromEnumerable(sentences);
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.25);

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Sentence.Color))
            .Append(mlContext.Transforms.Text.TokenizeIntoWords("Words", nameof(Sentence.Text)))
            .Append(mlContext.Transforms.Conversion.MapValueToKey("Features", "Words"))
            .Append(mlContext.MulticlassClassification.Trainers.Recurrent(new SequenceClassificationOptions
            {
                HiddenSize = 16,
                EmbeddingSize = 8,
                NumberOfEpochs = 10,
                LearningRate = 0.02f,
            }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedColor", "PredictedLabel"));

        var model = pipeline.Fit(split.TrainSet);
        IDataView predictions = model.Transform(split.TestSet);
        var metrics = mlContext.MulticlassClassification.Evaluate(predictions);

        using var engine = mlContext.Model.CreatePredictionEngine<Sentence, ColorPrediction>(model);
        var prediction = engine.Predict(new Sentence { Text = "my old car is blue" });
        return (predictions, metrics, prediction);
    }

    [Fact]
    public void Ported_pipeline_runs_and_beats_chance()
    {
        var (predictions, metrics, prediction) = PortedPipeline(MakeSentences(seed: 7, count: 320));

        foreach (string column in new[] { "Color", "Text", "Label", "Words", "Features", "Score", "PredictedLabel", "PredictedColor" })
        {
            Assert.True(predictions.Schema.TryGetColumn(column, out _), $"missing column {column}");
        }

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), predictions.Schema["Score"].Type);
        Assert.IsType<KeyDataViewType>(predictions.Schema["PredictedLabel"].Type);
        Assert.Equal(TextDataViewType.Instance, predictions.Schema["PredictedColor"].Type);

        // Three balanced classes: chance is 1/3.
        Assert.True(metrics.MicroAccuracy > 0.6, $"micro-accuracy {metrics.MicroAccuracy}");
        Assert.Contains(prediction.PredictedColor, Colors);
        Assert.Equal(3, prediction.Score.Length);
    }
}
