using MLNet.Recurrent.Cli.Tasks;

namespace MLNet.Recurrent.Cli.Scoring;

/// <summary>Metrics of a model on some rows, next to the baseline's on the same rows.</summary>
/// <param name="Task">The task.</param>
/// <param name="Rows">Rows (forecasting: windows) evaluated.</param>
/// <param name="Metrics">The model's metrics by ML.NET property name, in display order.</param>
/// <param name="BaselineName">The baseline, in words (e.g. "majority class 'English'").</param>
/// <param name="BaselineMetrics">The baseline's metrics on the same rows (a subset of the names of <paramref name="Metrics"/>).</param>
internal sealed record MetricReport(TaskKind Task, long Rows, IReadOnlyDictionary<string, double> Metrics, string BaselineName,
    IReadOnlyDictionary<string, double> BaselineMetrics)
{
    /// <summary>The model's value of the task's main metric.</summary>
    public double Main => Metrics[MainMetric.Of(Task)];

    /// <summary>The baseline's value of the task's main metric.</summary>
    public double BaselineMain => BaselineMetrics[MainMetric.Of(Task)];

    /// <summary>Whether the model does better than the baseline on the main metric.</summary>
    public bool BeatsBaseline => MainMetric.LowerIsBetter(Task) ? Main < BaselineMain : Main > BaselineMain;
}
