using System.Globalization;
using MLNet.Recurrent.Cli.Scoring;

namespace MLNet.Recurrent.Cli.Output;

/// <summary>How metrics appear in text output.</summary>
internal static class MetricFormat
{
    /// <summary>A metric value with four decimals (invariant culture); "—" for a missing one.</summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>The text.</returns>
    public static string Value(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// The model against the baseline on the main metric: the difference for accuracy ("+0.4120"), the ratio for errors
    /// ("0.483× baseline", below 1 is better).
    /// </summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>The text.</returns>
    public static string VersusBaseline(MetricReport evaluation) => MainMetric.LowerIsBetter(evaluation.Task)
        ? (evaluation.Main / evaluation.BaselineMain).ToString("0.000", CultureInfo.InvariantCulture) + "×"
        : (evaluation.Main - evaluation.BaselineMain).ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture);

    /// <summary>Writes the metrics table: one line per metric with the model's and the baseline's value, then the baseline's name.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="evaluation">The evaluation.</param>
    public static void WriteTable(TextWriter output, MetricReport evaluation)
    {
        int width = Math.Max(evaluation.Metrics.Keys.Max(k => k.Length), "metric".Length) + 2;
        output.WriteLine($"{"metric".PadRight(width)}{"model",12}{"baseline",12}");
        foreach (var (name, value) in evaluation.Metrics)
        {
            double? baseline = evaluation.BaselineMetrics.TryGetValue(name, out double b) ? b : null;
            output.WriteLine($"{name.PadRight(width)}{Value(value),12}{Value(baseline),12}");
        }

        string verdict = evaluation.BeatsBaseline ? "beats" : "does not beat";
        output.WriteLine($"baseline: {evaluation.BaselineName}; the model {verdict} it on {MainMetric.Of(evaluation.Task)} ({VersusBaseline(evaluation)}) over {evaluation.Rows} {(evaluation.Task == Tasks.TaskKind.Forecasting ? "windows" : "rows")}");
    }

    /// <summary>The JSON shape of an evaluation's metrics and baseline.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>An object for <see cref="JsonLines"/>.</returns>
    public static object Json(MetricReport evaluation) => new
    {
        rows = evaluation.Rows,
        mainMetric = MainMetric.Of(evaluation.Task),
        metrics = evaluation.Metrics,
        baseline = new { name = evaluation.BaselineName, metrics = evaluation.BaselineMetrics },
        beatsBaseline = evaluation.BeatsBaseline,
    };
}
