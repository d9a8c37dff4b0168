using System.Globalization;
using MLNet.Recurrent.Cli.Scoring;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Cli.Training;

namespace MLNet.Recurrent.Cli.Output;

/// <summary>The ranking <c>compare</c> prints: best first by the task's main metric, with the baseline and training times.</summary>
internal static class Leaderboard
{
    /// <summary>Sorts models best first (accuracy descending; errors ascending); ties keep the order they were trained in.</summary>
    /// <param name="models">The models, all of one task.</param>
    /// <returns>The ranking.</returns>
    public static IReadOnlyList<TrainedModel> Rank(IReadOnlyList<TrainedModel> models)
    {
        var task = models[0].Report.Task;
        return MainMetric.LowerIsBetter(task)
            ? [.. models.OrderBy(m => m.Report.Main)]
            : [.. models.OrderByDescending(m => m.Report.Main)];
    }

    /// <summary>Writes the leaderboard as a table, the baseline last.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="ranked">The ranking.</param>
    /// <param name="savedPath">Where the best model was saved, or null.</param>
    public static void WriteTable(TextWriter output, IReadOnlyList<TrainedModel> ranked, string? savedPath)
    {
        var best = ranked[0].Report;
        string metric = MainMetric.Of(best.Task);
        int width = Math.Max(ranked.Max(m => m.Network.Name.Length), "model".Length) + 2;
        output.WriteLine($"{"rank",4}  {"model".PadRight(width)}{metric,22}{"vs baseline",14}{"train s",10}");
        for (int i = 0; i < ranked.Count; i++)
        {
            var model = ranked[i];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {model.Network.Name.PadRight(width)}{MetricFormat.Value(model.Report.Main),22}{MetricFormat.VersusBaseline(model.Report),14}{model.Seconds,10:F1}"));
        }

        output.WriteLine($"{"-",4}  {"baseline".PadRight(width)}{MetricFormat.Value(best.BaselineMain),22}    ({best.BaselineName})");
        output.WriteLine($"{(MainMetric.LowerIsBetter(best.Task) ? "lower" : "higher")} {metric} is better; {best.Rows} held-out {(best.Task == TaskKind.Forecasting ? "windows" : "rows")}" +
                         (savedPath is null ? "" : $"; best model saved to {savedPath}"));
    }

    /// <summary>Writes one JSON object per model (best first), then a summary object.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="ranked">The ranking.</param>
    /// <param name="savedPath">Where the best model was saved, or null.</param>
    public static void WriteJson(TextWriter output, IReadOnlyList<TrainedModel> ranked, string? savedPath)
    {
        for (int i = 0; i < ranked.Count; i++)
        {
            var model = ranked[i];
            JsonLines.Write(output, new
            {
                rank = i + 1,
                model = model.Network.Name,
                network = model.Network.ToJson(),
                seconds = model.Seconds,
                trainingRows = model.History.TrainingRows,
                evaluation = MetricFormat.Json(model.Report),
            });
        }

        var best = ranked[0].Report;
        JsonLines.Write(output, new
        {
            summary = true,
            task = TaskNames.NameOf(TaskNames.Tasks, best.Task),
            mainMetric = MainMetric.Of(best.Task),
            lowerIsBetter = MainMetric.LowerIsBetter(best.Task),
            models = ranked.Count,
            best = ranked[0].Network.Name,
            baseline = new { name = best.BaselineName, metrics = best.BaselineMetrics },
            savedModel = savedPath,
        });
    }
}
