using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Scoring;

/// <summary>
/// The naive predictions a model must beat, each scored by the library's own evaluator where one applies, so model and
/// baseline are measured the same way: the majority class (classification), the training mean (regression), the last
/// value of the window repeated over the horizon (forecasting). Each reads the needed column of the rows once.
/// </summary>
internal static class Baselines
{
    /// <summary>How many rows hold each class key (key 0, missing, not counted).</summary>
    /// <param name="data">Rows with a key <see cref="PipelineColumns.Label"/> column.</param>
    /// <returns>Count per key.</returns>
    public static Dictionary<uint, long> ClassCounts(IDataView data)
    {
        var label = data.Schema[PipelineColumns.Label];
        var counts = new Dictionary<uint, long>();
        using var cursor = data.GetRowCursor([label]);
        var getLabel = cursor.GetGetter<uint>(label);
        uint key = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            if (key != 0)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    /// <summary>The most frequent key (ties: the smaller key).</summary>
    /// <param name="counts">Counts per key, at least one.</param>
    /// <returns>The key.</returns>
    public static uint Majority(IReadOnlyDictionary<uint, long> counts)
        => counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).First().Key;

    /// <summary>Micro and macro accuracy of always answering <paramref name="majorityKey"/> on rows with these class counts.</summary>
    /// <param name="counts">The evaluated rows' counts per key.</param>
    /// <param name="majorityKey">The constant answer.</param>
    /// <returns>MicroAccuracy and MacroAccuracy.</returns>
    public static Dictionary<string, double> MajorityMetrics(IReadOnlyDictionary<uint, long> counts, uint majorityKey) => new()
    {
        ["MicroAccuracy"] = counts.GetValueOrDefault(majorityKey) / (double)counts.Values.Sum(),
        ["MacroAccuracy"] = counts.ContainsKey(majorityKey) ? 1.0 / counts.Count : 0,
    };

    /// <summary>The regression metrics of predicting <paramref name="mean"/> for every label.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="labels">The evaluated labels.</param>
    /// <param name="mean">The constant prediction.</param>
    /// <returns>MeanAbsoluteError, RootMeanSquaredError, RSquared.</returns>
    public static Dictionary<string, double> MeanMetrics(MLContext mlContext, IEnumerable<float> labels, float mean)
    {
        var metrics = mlContext.Regression.Evaluate(mlContext.Data.LoadFromEnumerable(labels.Select(y => new ScalarScore { Label = y, Score = mean })));
        return new()
        {
            ["MeanAbsoluteError"] = metrics.MeanAbsoluteError,
            ["RootMeanSquaredError"] = metrics.RootMeanSquaredError,
            ["RSquared"] = metrics.RSquared,
        };
    }

    /// <summary>The forecasting metrics of repeating each window's last value over its horizon.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="windows">Rows with <see cref="PipelineColumns.Window"/> (univariate) and <see cref="PipelineColumns.Horizon"/>.</param>
    /// <returns>MeanAbsoluteError, RootMeanSquaredError, SymmetricMeanAbsolutePercentageError.</returns>
    public static Dictionary<string, double> LastValueMetrics(MLContext mlContext, IDataView windows)
    {
        var rows = new List<VectorScore>();
        var window = windows.Schema[PipelineColumns.Window];
        var horizon = windows.Schema[PipelineColumns.Horizon];
        using (var cursor = windows.GetRowCursor([window, horizon]))
        {
            var getWindow = cursor.GetGetter<VBuffer<float>>(window);
            var getHorizon = cursor.GetGetter<VBuffer<float>>(horizon);
            VBuffer<float> past = default, future = default;
            while (cursor.MoveNext())
            {
                getWindow(ref past);
                getHorizon(ref future);
                float last = past.GetValues()[^1];
                rows.Add(new VectorScore { Label = future.DenseValues().ToArray(), Score = Enumerable.Repeat(last, future.Length).ToArray() });
            }
        }

        return ForecastMetrics(mlContext.Forecasting.Evaluate(mlContext.Data.LoadFromEnumerable(rows)));
    }

    /// <summary>The forecasting metrics the tool reports, by name.</summary>
    /// <param name="metrics">The library's metrics.</param>
    /// <returns>MeanAbsoluteError, RootMeanSquaredError, SymmetricMeanAbsolutePercentageError.</returns>
    public static Dictionary<string, double> ForecastMetrics(ForecastingMetrics metrics) => new()
    {
        ["MeanAbsoluteError"] = metrics.MeanAbsoluteError,
        ["RootMeanSquaredError"] = metrics.RootMeanSquaredError,
        ["SymmetricMeanAbsolutePercentageError"] = metrics.SymmetricMeanAbsolutePercentageError,
    };

    /// <summary>A label and a constant prediction, for the regression evaluator.</summary>
    private sealed class ScalarScore
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }

    /// <summary>An actual horizon and a naive forecast, for the forecasting evaluator.</summary>
    private sealed class VectorScore
    {
        public float[] Label { get; set; } = [];

        public float[] Score { get; set; } = [];
    }
}
