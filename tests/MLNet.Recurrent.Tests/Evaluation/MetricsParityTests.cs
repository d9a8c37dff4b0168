using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;
using static MLNet.Recurrent.Tests.Evaluation.MetricsFixture;

namespace MLNet.Recurrent.Tests.Evaluation;

/// <summary>
/// Every metric against values computed independently in Python (scikit-learn where its definitions match ML.NET's,
/// numpy otherwise) by tools/fixtures/generate_metrics_fixtures.py, both from the streaming calculators fed value by
/// value and through the catalog methods over an in-memory view. Tolerance: 1e-9 absolute or relative
/// (<see cref="MetricsFixture.Tolerance"/>); NaN and infinities must match exactly.
/// </summary>
public class MetricsParityTests
{
    private static readonly MLContext Context = new(seed: 1);

    public static TheoryData<string> BinaryCases => Names("binary");

    public static TheoryData<string> MulticlassCases => Names("multiclass");

    public static TheoryData<string> RegressionCases => Names("regression");

    public static TheoryData<string> TaggingCases => Names("tagging");

    public static TheoryData<string> SequenceToSequenceCases => Names("seq2seq");

    public static TheoryData<string> ForecastingCases => Names("forecasting");

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_metrics_match_reference(string name)
    {
        var c = Case("binary", name);
        bool[] labels = c.GetProperty("label").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        bool[] predicted = c.GetProperty("predicted").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        float[] scores = Singles(c.GetProperty("score"));
        float[] probabilities = Singles(c.GetProperty("probability"));
        var accumulator = new BinaryClassificationAccumulator();
        for (int i = 0; i < labels.Length; i++)
        {
            accumulator.Add(labels[i], scores[i], predicted[i], probabilities[i]);
        }

        var view = EvaluationData.Binary(labels, scores, probabilities, predicted);
        foreach (var metrics in new[] { accumulator.ToCalibratedMetrics(), Context.BinaryClassification.Evaluate(view) })
        {
            AssertMetric(c, "AreaUnderRocCurve", metrics.AreaUnderRocCurve);
            AssertMetric(c, "Accuracy", metrics.Accuracy);
            AssertMetric(c, "PositivePrecision", metrics.PositivePrecision);
            AssertMetric(c, "PositiveRecall", metrics.PositiveRecall);
            AssertMetric(c, "NegativePrecision", metrics.NegativePrecision);
            AssertMetric(c, "NegativeRecall", metrics.NegativeRecall);
            AssertMetric(c, "F1Score", metrics.F1Score);
            AssertMetric(c, "AreaUnderPrecisionRecallCurve", metrics.AreaUnderPrecisionRecallCurve);
            AssertMetric(c, "LogLoss", metrics.LogLoss);
            AssertMetric(c, "LogLossReduction", metrics.LogLossReduction);
            AssertMetric(c, "Entropy", metrics.Entropy);
            AssertConfusion(c, metrics.ConfusionMatrix.Counts);
        }

        var nonCalibrated = Context.BinaryClassification.EvaluateNonCalibrated(view);
        AssertMetric(c, "AreaUnderRocCurve", nonCalibrated.AreaUnderRocCurve);
        AssertMetric(c, "F1Score", nonCalibrated.F1Score);
    }

    [Theory]
    [MemberData(nameof(MulticlassCases))]
    public void Multiclass_metrics_match_reference(string name)
    {
        var c = Case("multiclass", name);
        int classes = c.GetProperty("classes").GetInt32();
        int topK = c.GetProperty("topK").GetInt32();
        int[] labels = Ints(c.GetProperty("label"));
        float[][] scores = c.GetProperty("score").EnumerateArray().Select(Singles).ToArray();
        var accumulator = new MulticlassClassificationAccumulator(classes, topK);
        for (int i = 0; i < labels.Length; i++)
        {
            accumulator.Add(labels[i], scores[i]);
        }

        string[] names = Enumerable.Range(0, classes).Select(i => $"c{i}").ToArray();
        var viaCatalog = Context.MulticlassClassification.Evaluate(EvaluationData.Multiclass(classes, labels, scores, names), topKPredictionCount: topK);
        foreach (var metrics in new[] { accumulator.ToMetrics(names), viaCatalog })
        {
            AssertMetric(c, "MicroAccuracy", metrics.MicroAccuracy);
            AssertMetric(c, "MacroAccuracy", metrics.MacroAccuracy);
            AssertMetric(c, "LogLoss", metrics.LogLoss);
            AssertMetric(c, "LogLossReduction", metrics.LogLossReduction);
            AssertMetrics(c, "PerClassLogLoss", metrics.PerClassLogLoss);
            AssertMetrics(c, "TopKAccuracyForAllK", metrics.TopKAccuracyForAllK ?? []);
            Assert.Equal(topK, metrics.TopKPredictionCount);
            AssertConfusion(c, metrics.ConfusionMatrix.Counts);
        }
    }

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void Regression_metrics_match_reference(string name)
    {
        var c = Case("regression", name);
        float[] labels = Singles(c.GetProperty("label"));
        float[] scores = Singles(c.GetProperty("score"));
        var accumulator = new RegressionAccumulator();
        for (int i = 0; i < labels.Length; i++)
        {
            accumulator.Add(labels[i], scores[i]);
        }

        var view = EvaluationData.View(("Label", NumberDataViewType.Single, labels), ("Score", NumberDataViewType.Single, scores));
        foreach (var metrics in new[] { accumulator.ToMetrics(), Context.Regression.Evaluate(view) })
        {
            AssertMetric(c, "MeanAbsoluteError", metrics.MeanAbsoluteError);
            AssertMetric(c, "MeanSquaredError", metrics.MeanSquaredError);
            AssertMetric(c, "RootMeanSquaredError", metrics.RootMeanSquaredError);
            AssertMetric(c, "LossFunction", metrics.LossFunction);
            AssertMetric(c, "RSquared", metrics.RSquared);
        }
    }

    [Theory]
    [MemberData(nameof(TaggingCases))]
    public void Sequence_tagging_metrics_match_reference(string name)
    {
        var c = Case("tagging", name);
        string[] tags = c.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string? outside = c.GetProperty("outsideTag").GetString();
        int[][] labels = c.GetProperty("label").EnumerateArray().Select(Ints).ToArray();
        int[][] predicted = c.GetProperty("predicted").EnumerateArray().Select(Ints).ToArray();
        var accumulator = new SequenceTaggingAccumulator(tags.Length, outside is null ? -1 : Array.IndexOf(tags, outside));
        for (int i = 0; i < labels.Length; i++)
        {
            accumulator.Add(labels[i], predicted[i]);
        }

        var keys = new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)tags.Length));
        var view = new InMemoryDataView([
            ("Label", keys, EvaluationData.KeySequences(labels), Annotations.ForKeyValues(tags)),
            ("PredictedLabel", keys, EvaluationData.KeySequences(predicted), Annotations.ForKeyValues(tags)),
        ]);
        foreach (var metrics in new[] { accumulator.ToMetrics(tags), Context.MulticlassClassification.EvaluateSequenceTagging(view, outsideTag: outside) })
        {
            AssertMetric(c, "NumberOfTokens", metrics.NumberOfTokens);
            AssertMetric(c, "TokenAccuracy", metrics.TokenAccuracy);
            AssertMetric(c, "MicroF1Score", metrics.MicroF1Score);
            AssertMetric(c, "MacroF1Score", metrics.MacroF1Score);
            AssertMetrics(c, "PerTagPrecision", metrics.PerTagPrecision);
            AssertMetrics(c, "PerTagRecall", metrics.PerTagRecall);
            AssertMetrics(c, "PerTagF1Score", metrics.PerTagF1Score);
            AssertConfusion(c, metrics.ConfusionMatrix.Counts);
        }
    }

    [Theory]
    [MemberData(nameof(SequenceToSequenceCases))]
    public void Sequence_to_sequence_metrics_match_reference(string name)
    {
        var c = Case("seq2seq", name);
        var accumulator = new SequenceToSequenceAccumulator();
        IDataView view;
        if (c.GetProperty("kind").GetString() == "text")
        {
            string[] targets = c.GetProperty("label").EnumerateArray().Select(e => e.GetString()!).ToArray();
            string[] predictions = c.GetProperty("predicted").EnumerateArray().Select(e => e.GetString()!).ToArray();
            for (int i = 0; i < targets.Length; i++)
            {
                accumulator.Add(targets[i].Select(ch => (int)ch).ToArray(), predictions[i].Select(ch => (int)ch).ToArray());
            }

            view = EvaluationData.View(
                ("Label", TextDataViewType.Instance, targets.Select(t => t.AsMemory()).ToArray()),
                ("PredictedLabel", TextDataViewType.Instance, predictions.Select(p => p.AsMemory()).ToArray()));
        }
        else
        {
            int[][] targetKeys = c.GetProperty("label").EnumerateArray().Select(Ints).ToArray();
            int[][] predictedKeys = c.GetProperty("predicted").EnumerateArray().Select(Ints).ToArray();
            for (int i = 0; i < targetKeys.Length; i++)
            {
                accumulator.Add(WithoutPadding(targetKeys[i]), WithoutPadding(predictedKeys[i]));
            }

            var keys = new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)c.GetProperty("vocabulary").GetInt32()));
            view = EvaluationData.View(
                ("Label", keys, EvaluationData.KeySequences(targetKeys.Select(k => k.Select(key => key - 1).ToArray()))),
                ("PredictedLabel", keys, EvaluationData.KeySequences(predictedKeys.Select(k => k.Select(key => key - 1).ToArray()))));
        }

        foreach (var metrics in new[] { accumulator.ToMetrics(), Context.MulticlassClassification.EvaluateSequenceToSequence(view) })
        {
            AssertMetric(c, "NumberOfSequences", metrics.NumberOfSequences);
            AssertMetric(c, "ExactMatch", metrics.ExactMatch);
            AssertMetric(c, "TokenAccuracy", metrics.TokenAccuracy);
            AssertMetric(c, "MeanEditDistance", metrics.MeanEditDistance);
            AssertMetric(c, "NormalizedEditDistance", metrics.NormalizedEditDistance);
        }
    }

    [Theory]
    [MemberData(nameof(ForecastingCases))]
    public void Forecasting_metrics_match_reference(string name)
    {
        var c = Case("forecasting", name);
        float[][] actual = c.GetProperty("label").EnumerateArray().Select(Singles).ToArray();
        float[][] forecast = c.GetProperty("score").EnumerateArray().Select(Singles).ToArray();
        float[]? last = c.GetProperty("lastObserved").ValueKind == JsonValueKind.Null ? null : Singles(c.GetProperty("lastObserved"));
        var accumulator = new ForecastingAccumulator(withNaive: last is not null);
        for (int i = 0; i < actual.Length; i++)
        {
            accumulator.Add(actual[i], forecast[i], last?[i] ?? float.NaN);
        }

        var columns = new List<(string, DataViewType, Array)>
        {
            ("Label", new VectorDataViewType(NumberDataViewType.Single), EvaluationData.Vectors(actual)),
            ("Score", new VectorDataViewType(NumberDataViewType.Single), EvaluationData.Vectors(forecast)),
        };
        if (last is not null)
        {
            columns.Add(("Last", NumberDataViewType.Single, last));
        }

        var viaCatalog = Context.Forecasting.Evaluate(EvaluationData.View([.. columns]), lastObservedColumnName: last is null ? null : "Last");
        foreach (var metrics in new[] { accumulator.ToMetrics(), viaCatalog })
        {
            AssertMetric(c, "MeanAbsoluteError", metrics.MeanAbsoluteError);
            AssertMetric(c, "RootMeanSquaredError", metrics.RootMeanSquaredError);
            AssertMetric(c, "SymmetricMeanAbsolutePercentageError", metrics.SymmetricMeanAbsolutePercentageError);
            AssertMetrics(c, "PerHorizonMeanAbsoluteError", metrics.PerHorizonMeanAbsoluteError);
            AssertMetrics(c, "PerHorizonRootMeanSquaredError", metrics.PerHorizonRootMeanSquaredError);
            if (last is null)
            {
                Assert.Null(metrics.RelativeMeanAbsoluteError);
            }
            else
            {
                AssertMetric(c, "RelativeMeanAbsoluteError", metrics.RelativeMeanAbsoluteError!.Value);
            }
        }
    }

    private static int[] WithoutPadding(int[] keys) => keys.Where(k => k != 0).Select(k => k - 1).ToArray();
}
