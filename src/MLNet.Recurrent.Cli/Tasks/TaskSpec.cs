using MLNet.Recurrent.Cli.Input;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>
/// What to learn from which columns: the task, and either the label and text columns (classification, regression) or
/// the series column with the window W and horizon H (forecasting).
/// </summary>
/// <param name="Kind">The task.</param>
/// <param name="LabelColumn">The label column (classification: any values, the classes; regression: numbers); null for forecasting.</param>
/// <param name="TextColumn">The text column, tokenised into <see cref="Tokens"/>; null for forecasting.</param>
/// <param name="Tokens">Characters or words.</param>
/// <param name="LowerCase">Whether text is lower-cased before tokenising.</param>
/// <param name="SeriesColumn">The series column (numbers, one time step per row, in time order); null unless forecasting.</param>
/// <param name="Window">W, past values per forecast (forecasting).</param>
/// <param name="Horizon">H, future values forecast at once (forecasting).</param>
/// <param name="Level">Whether the forecaster learns levels or changes from the window's last value.</param>
internal sealed record TaskSpec(TaskKind Kind, string? LabelColumn, string? TextColumn, TokenUnit Tokens, bool LowerCase,
    string? SeriesColumn, int Window, int Horizon, ForecastLevel Level)
{
    /// <summary>The columns training reads from the file, with their types and the options that named them.</summary>
    /// <returns>Label then text, or the series.</returns>
    public IReadOnlyList<FileColumn> TrainingColumns() => Kind switch
    {
        TaskKind.Classification => [new(LabelColumn!, DataKind.String, "--label"), new(TextColumn!, DataKind.String, "--text")],
        TaskKind.Regression => [new(LabelColumn!, DataKind.Single, "--label"), new(TextColumn!, DataKind.String, "--text")],
        _ => [new(SeriesColumn!, DataKind.Single, "--series")],
    };

    /// <summary>A short description for summaries, e.g. "classification of 'Language' from the characters of 'Word'".</summary>
    /// <returns>The description.</returns>
    public string Describe() => Kind switch
    {
        TaskKind.Forecasting => $"forecasting of '{SeriesColumn}': {Window} past values → next {Horizon}" +
                                (Level == ForecastLevel.RelativeToLastValue ? " (relative to the last value)" : " (absolute levels)"),
        _ => $"{TaskNames.NameOf(TaskNames.Tasks, Kind)} of '{LabelColumn}' from the {(Tokens == TokenUnit.Character ? "characters" : "words")} of '{TextColumn}'",
    };
}
