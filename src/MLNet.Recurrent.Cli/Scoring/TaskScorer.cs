using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Cli.Scoring;

/// <summary>
/// Scores a model's output with the library's evaluators and puts the task's baseline next to it. Used by
/// <c>train</c> and <c>compare</c> (held-out rows) and <c>evaluate</c> (every row of a file), so all three report the
/// same metrics computed the same way.
/// </summary>
internal static class TaskScorer
{
    /// <summary>Evaluates <paramref name="scored"/> (the output of <paramref name="model"/>'s pipeline).</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="model">The model's description.</param>
    /// <param name="scored">
    /// Scored rows: classification "Label" (key), "Score", "PredictedLabel"; regression the label column and "Score";
    /// forecasting "Window", "Horizon", "Score".
    /// </param>
    /// <param name="trainingClassCounts">Classification: the training rows' class counts, whose majority is the baseline;
    /// null takes the majority of the evaluated rows themselves.</param>
    /// <returns>The metrics and the baseline's.</returns>
    /// <exception cref="CliDataException">No row could be evaluated.</exception>
    public static MetricReport Score(MLContext mlContext, ModelDescription model, IDataView scored, IReadOnlyDictionary<uint, long>? trainingClassCounts = null)
        => model.Kind switch
        {
            TaskKind.Classification => Classification(mlContext, model, scored, trainingClassCounts),
            TaskKind.Regression => Regression(mlContext, model, scored),
            _ => Forecasting(mlContext, scored),
        };

    private static MetricReport Classification(MLContext mlContext, ModelDescription model, IDataView scored, IReadOnlyDictionary<uint, long>? trainingClassCounts)
    {
        var counts = Baselines.ClassCounts(scored);
        if (counts.Count == 0)
        {
            throw new CliDataException($"--data: expected rows whose '{model.LabelColumn}' is one of the model's classes ({string.Join(", ", model.ClassNames)}), got none.");
        }

        var metrics = mlContext.MulticlassClassification.Evaluate(scored, PipelineColumns.Label, PipelineColumns.Score, PipelineColumns.PredictedLabel);
        bool fromTraining = trainingClassCounts is { Count: > 0 };
        uint majority = Baselines.Majority(fromTraining ? trainingClassCounts! : counts);
        return new MetricReport(TaskKind.Classification, counts.Values.Sum(),
            new Dictionary<string, double>
            {
                ["MicroAccuracy"] = metrics.MicroAccuracy,
                ["MacroAccuracy"] = metrics.MacroAccuracy,
                ["LogLoss"] = metrics.LogLoss,
                ["LogLossReduction"] = metrics.LogLossReduction,
            },
            $"majority class '{model.ClassNames[(int)majority - 1]}'{(fromTraining ? "" : " of these rows")}",
            Baselines.MajorityMetrics(counts, majority));
    }

    private static MetricReport Regression(MLContext mlContext, ModelDescription model, IDataView scored)
    {
        string label = model.LabelColumn!;
        var labels = new List<float>();
        var column = scored.Schema[label];
        using (var cursor = scored.GetRowCursor([column]))
        {
            var getLabel = cursor.GetGetter<float>(column);
            float y = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref y);
                if (float.IsFinite(y))
                {
                    labels.Add(y);
                }
            }
        }

        if (labels.Count == 0)
        {
            throw new CliDataException($"--data: expected rows with a number in '{label}', got none.");
        }

        var metrics = mlContext.Regression.Evaluate(scored, label, PipelineColumns.Score);
        float mean = ((PooledRegressionTransformer)model.Recurrent).LabelMean[0];
        return new MetricReport(TaskKind.Regression, labels.Count,
            new Dictionary<string, double>
            {
                ["MeanAbsoluteError"] = metrics.MeanAbsoluteError,
                ["RootMeanSquaredError"] = metrics.RootMeanSquaredError,
                ["RSquared"] = metrics.RSquared,
            },
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"training mean {mean:G6}"),
            Baselines.MeanMetrics(mlContext, labels, mean));
    }

    private static MetricReport Forecasting(MLContext mlContext, IDataView scored)
    {
        long windows = 0;
        using (var cursor = scored.GetRowCursor([]))
        {
            while (cursor.MoveNext())
            {
                windows++;
            }
        }

        if (windows == 0)
        {
            throw new CliDataException("--data: expected a series long enough for one window and its horizon, got none.");
        }

        var metrics = mlContext.Forecasting.Evaluate(scored, PipelineColumns.Horizon, PipelineColumns.Score);
        return new MetricReport(TaskKind.Forecasting, windows, Baselines.ForecastMetrics(metrics), "last value repeated",
            Baselines.LastValueMetrics(mlContext, scored));
    }
}
