using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.Evaluation;

public class BinaryClassificationEvaluationTests
{
    private static readonly MLContext Context = new(seed: 1);

    [Fact]
    public void Roc_area_counts_tied_pairs_one_half()
    {
        // Positives score {0.5, 0.9}, negatives {0.5, 0.1}: pairs 0.5/0.5 → ½, the other three → 1, AUC = 3.5 / 4.
        var metrics = Context.BinaryClassification.Evaluate(EvaluationData.Binary([true, false, true, false], [0.5f, 0.5f, 0.9f, 0.1f]));
        Assert.Equal(0.875, metrics.AreaUnderRocCurve, 15);
    }

    [Fact]
    public void Precision_recall_area_moves_tied_rows_together_whatever_their_order()
    {
        // Threshold 0.8 takes one positive and one negative: recall ½, precision ½ → ½ · (1 + ½) / 2 = 0.375;
        // threshold 0.3 adds the last positive: recall 1, precision ⅔ → ½ · (½ + ⅔) / 2 = 0.291 6̅.
        var first = Context.BinaryClassification.Evaluate(EvaluationData.Binary([true, false, true], [0.8f, 0.8f, 0.3f]));
        var second = Context.BinaryClassification.Evaluate(EvaluationData.Binary([false, true, true], [0.8f, 0.8f, 0.3f]));
        Assert.Equal(0.375 + (0.5 * (0.5 + (2.0 / 3)) / 2), first.AreaUnderPrecisionRecallCurve, 15);
        Assert.Equal(first.AreaUnderPrecisionRecallCurve, second.AreaUnderPrecisionRecallCurve);
    }

    [Fact]
    public void Counts_come_from_the_predicted_label_and_fill_the_confusion_matrix_in_MLNet_order()
    {
        bool[] labels = [true, true, true, false, false];
        bool[] predicted = [true, true, false, true, false];
        var metrics = Context.BinaryClassification.EvaluateNonCalibrated(EvaluationData.Binary(labels, [1f, 2f, 3f, 4f, 5f], predicted: predicted));
        Assert.Equal(0.6, metrics.Accuracy, 15);
        Assert.Equal(2.0 / 3, metrics.PositivePrecision, 15);
        Assert.Equal(2.0 / 3, metrics.PositiveRecall, 15);
        Assert.Equal(0.5, metrics.NegativePrecision, 15);
        Assert.Equal(0.5, metrics.NegativeRecall, 15);
        var confusion = metrics.ConfusionMatrix;
        Assert.Equal(2, confusion.NumberOfClasses);
        Assert.Equal(2, confusion.GetCountForClassPair(predictedClassIndicatorIndex: 0, actualClassIndicatorIndex: 0));
        Assert.Equal(1, confusion.GetCountForClassPair(predictedClassIndicatorIndex: 1, actualClassIndicatorIndex: 0));
        Assert.Equal(1, confusion.GetCountForClassPair(predictedClassIndicatorIndex: 0, actualClassIndicatorIndex: 1));
        Assert.Equal([metrics.PositivePrecision, metrics.NegativePrecision], confusion.PerClassPrecision);
        Assert.Equal([metrics.PositiveRecall, metrics.NegativeRecall], confusion.PerClassRecall);
        string table = confusion.GetFormattedConfusionTable();
        Assert.Contains("positive", table);
        Assert.Contains("0.6667", table);
        Assert.Contains("Precision", table);
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => confusion.GetCountForClassPair(2, 0));
        Assert.Equal("predictedClassIndicatorIndex", outOfRange.ParamName);
    }

    [Fact]
    public void Log_loss_is_in_bits_relative_to_the_test_set_prior()
    {
        var metrics = Context.BinaryClassification.Evaluate(EvaluationData.Binary([true, false], [1f, -1f], probabilities: [0.5f, 0.25f]));
        double logLoss = (1 - Math.Log2(0.75)) / 2;
        Assert.Equal(logLoss, metrics.LogLoss, 15);
        Assert.Equal(1.0, metrics.Entropy, 15);
        Assert.Equal(1 - logLoss, metrics.LogLossReduction, 15);
    }

    [Fact]
    public void Rows_with_a_non_finite_score_are_skipped_and_nothing_left_is_an_error()
    {
        var with = Context.BinaryClassification.Evaluate(EvaluationData.Binary([true, false, true, false], [2f, float.NaN, -1f, float.PositiveInfinity]));
        var without = Context.BinaryClassification.Evaluate(EvaluationData.Binary([true, true], [2f, -1f]));
        Assert.Equal(without.Accuracy, with.Accuracy);
        Assert.Equal(without.LogLoss, with.LogLoss);

        var error = Assert.Throws<ArgumentException>(() => Context.BinaryClassification.Evaluate(EvaluationData.Binary([true], [float.NaN])));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("1 skipped for a non-finite score", error.Message);
        var empty = Assert.Throws<ArgumentException>(() => Context.BinaryClassification.EvaluateNonCalibrated(EvaluationData.Binary([], [])));
        Assert.Contains("expected at least one of the rows to evaluate, got none", empty.Message);
    }

    [Fact]
    public void Schema_errors_name_the_column_and_the_expected_type()
    {
        var floatLabel = EvaluationData.View(("Label", NumberDataViewType.Single, new[] { 1f }), ("Score", NumberDataViewType.Single, new[] { 1f }),
            ("Probability", NumberDataViewType.Single, new[] { 0.7f }), ("PredictedLabel", BooleanDataViewType.Instance, new[] { true }));
        var error = Assert.Throws<SchemaMismatchException>(() => Context.BinaryClassification.Evaluate(floatLabel));
        Assert.Equal(("data", "Label", "Boolean", "Single"), (error.ParamName, error.ColumnName, error.Expected, error.Actual));

        var missing = Assert.Throws<SchemaMismatchException>(() => Context.BinaryClassification.Evaluate(EvaluationData.Binary([true], [1f]), probabilityColumnName: "P"));
        Assert.Equal(("P", "missing"), (missing.ColumnName, missing.Actual));
        Assert.Throws<ArgumentException>(() => Context.BinaryClassification.Evaluate(EvaluationData.Binary([true], [1f]), scoreColumnName: ""));
    }

    [Fact]
    public void Evaluation_reads_one_cursor_over_only_the_columns_it_needs()
    {
        var data = new RecordingDataView(EvaluationData.Binary([true, false, true], [1f, -1f, 0.5f]));
        Context.BinaryClassification.Evaluate(data);
        Assert.Equal(1, data.CursorsOpened);
        Assert.Equal(["Label", "PredictedLabel", "Probability", "Score"], data.ColumnsRequested.Order());
    }
}
