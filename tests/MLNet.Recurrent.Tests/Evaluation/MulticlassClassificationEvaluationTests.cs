using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent.Tests.Evaluation;

public class MulticlassClassificationEvaluationTests
{
    private static readonly MLContext Context = new(seed: 1);

    [Fact]
    public void Tied_scores_rank_the_lower_class_first_for_prediction_and_top_k()
    {
        float[] tied = [0.4f, 0.4f, 0.2f];
        var metrics = Context.MulticlassClassification.Evaluate(EvaluationData.Multiclass(3, [0, 1], [tied, tied]), topKPredictionCount: 2);
        Assert.Equal(0.5, metrics.MicroAccuracy);
        Assert.Equal([0.5, 1.0], metrics.TopKAccuracyForAllK);
        Assert.Equal(1.0, metrics.TopKAccuracy);
        Assert.Equal(1, metrics.ConfusionMatrix.GetCountForClassPair(predictedClassIndicatorIndex: 0, actualClassIndicatorIndex: 1));
    }

    [Fact]
    public void Evaluates_after_PredictedLabel_is_mapped_back_to_its_values_as_in_MLNET_samples()
    {
        var mlContext = new MLContext(1);
        var scored = EvaluationData.Multiclass(3, [0, 1, 2, 1], [[0.7f, 0.2f, 0.1f], [0.1f, 0.8f, 0.1f], [0.5f, 0.1f, 0.4f], [0.2f, 0.7f, 0.1f]],
            ["a", "b", "c"]);
        var mapped = mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(scored).Transform(scored);
        Assert.Equal(TextDataViewType.Instance, mapped.Schema["PredictedLabel"].Type);

        var metrics = mlContext.MulticlassClassification.Evaluate(mapped);
        Assert.Equal(0.75, metrics.MicroAccuracy, 12);
        Assert.Equal(mlContext.MulticlassClassification.Evaluate(scored).LogLoss, metrics.LogLoss, 12);
    }

    [Fact]
    public void Without_top_k_the_top_k_metrics_are_absent()
    {
        var metrics = Context.MulticlassClassification.Evaluate(EvaluationData.Multiclass(2, [0], [[0.9f, 0.1f]]));
        Assert.Equal(0, metrics.TopKPredictionCount);
        Assert.Null(metrics.TopKAccuracyForAllK);
        Assert.Equal(0, metrics.TopKAccuracy);
    }

    [Fact]
    public void Missing_labels_are_skipped_and_unknown_classes_are_penalised()
    {
        var accumulator = new MulticlassClassificationAccumulator(numberOfClasses: 2, topKPredictionCount: 0);
        accumulator.Add(-1, [0.5f, 0.5f]);
        accumulator.Add(0, [0.8f, 0.2f]);
        accumulator.Add(5, [0.8f, 0.2f]);
        accumulator.Add(1, [float.NaN, 0.2f]);
        Assert.Equal(2, accumulator.Count);
        Assert.Equal(2, accumulator.SkippedRows);
        var metrics = accumulator.ToMetrics(["a", "b"]);
        Assert.Equal(0.5, metrics.MicroAccuracy);
        Assert.Equal(1.0, metrics.MacroAccuracy);
        Assert.Equal((-Math.Log(0.8f) - Math.Log(1e-15f)) / 2, metrics.LogLoss, 12);
        Assert.Equal([-Math.Log(0.8f), 0], metrics.PerClassLogLoss);
    }

    [Fact]
    public void Probabilities_are_clipped_and_log_loss_is_in_nats()
    {
        var metrics = Context.MulticlassClassification.Evaluate(EvaluationData.Multiclass(2, [0, 1], [[0f, 1f], [0.5f, 0.5f]]));
        Assert.Equal((-Math.Log(1e-15f) + Math.Log(2)) / 2, metrics.LogLoss, 12);
        Assert.Equal((Math.Log(2) - metrics.LogLoss) / Math.Log(2), metrics.LogLossReduction, 12);
    }

    [Fact]
    public void Confusion_table_is_labelled_with_the_key_values()
    {
        var metrics = Context.MulticlassClassification.Evaluate(
            EvaluationData.Multiclass(3, [0, 1, 2, 2], [[0.7f, 0.2f, 0.1f], [0.1f, 0.8f, 0.1f], [0.1f, 0.6f, 0.3f], [0f, 0f, 1f]], ["cat", "dog", "emu"]));
        Assert.Equal(3, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.Equal([1.0, 0.5, 1.0], metrics.ConfusionMatrix.PerClassPrecision);
        Assert.Equal([1.0, 1.0, 0.5], metrics.ConfusionMatrix.PerClassRecall);
        string table = metrics.ConfusionMatrix.GetFormattedConfusionTable();
        Assert.Contains("cat", table);
        Assert.Contains("emu", table);
        Assert.Equal((1 + 1 + 0.5) / 3, metrics.MacroAccuracy, 15);
    }

    [Fact]
    public void Schema_errors_name_the_column_and_the_expected_type()
    {
        var floatLabel = EvaluationData.View(("Label", NumberDataViewType.Single, new[] { 1f }),
            ("Score", new VectorDataViewType(NumberDataViewType.Single, 2), EvaluationData.Vectors([[0.5f, 0.5f]])));
        var error = Assert.Throws<SchemaMismatchException>(() => Context.MulticlassClassification.Evaluate(floatLabel));
        Assert.Equal(("Label", "Key", "Single"), (error.ColumnName, error.Expected, error.Actual));

        var keyType = new KeyDataViewType(typeof(uint), 2);
        var variableScore = EvaluationData.View(("Label", keyType, new uint[] { 1 }),
            ("Score", new VectorDataViewType(NumberDataViewType.Single), EvaluationData.Vectors([[0.5f, 0.5f]])), ("PredictedLabel", keyType, new uint[] { 1 }));
        var score = Assert.Throws<SchemaMismatchException>(() => Context.MulticlassClassification.Evaluate(variableScore));
        Assert.Equal(("Score", "Vector<Single> of known size"), (score.ColumnName, score.Expected));

        var topK = Assert.Throws<ArgumentOutOfRangeException>(() => Context.MulticlassClassification.Evaluate(variableScore, topKPredictionCount: -1));
        Assert.Equal("topKPredictionCount", topK.ParamName);
    }

    [Fact]
    public void Missing_labels_only_is_an_error_naming_the_data()
    {
        var error = Assert.Throws<ArgumentException>(() => Context.MulticlassClassification.Evaluate(EvaluationData.Multiclass(2, [-1], [[0.5f, 0.5f]])));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("1 skipped for a missing label", error.Message);
    }
}
