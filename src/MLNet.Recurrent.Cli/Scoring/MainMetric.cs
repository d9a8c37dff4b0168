using MLNet.Recurrent.Cli.Tasks;

namespace MLNet.Recurrent.Cli.Scoring;

/// <summary>The metric that ranks models of a task (ML.NET's metric property names).</summary>
internal static class MainMetric
{
    /// <summary>MicroAccuracy for classification, RootMeanSquaredError for regression, MeanAbsoluteError for forecasting.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The metric's name.</returns>
    public static string Of(TaskKind task) => task switch
    {
        TaskKind.Classification => "MicroAccuracy",
        TaskKind.Regression => "RootMeanSquaredError",
        _ => "MeanAbsoluteError",
    };

    /// <summary>Whether smaller values of the task's main metric are better (errors) or larger (accuracy).</summary>
    /// <param name="task">The task.</param>
    /// <returns>True for regression and forecasting.</returns>
    public static bool LowerIsBetter(TaskKind task) => task != TaskKind.Classification;
}
