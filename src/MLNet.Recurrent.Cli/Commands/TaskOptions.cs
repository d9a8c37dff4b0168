using System.CommandLine;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// The task options of <c>train</c> and <c>compare</c>: <c>--task</c>; <c>--label</c>, <c>--text</c>, <c>--tokens</c>,
/// <c>--lowercase</c> (text tasks); <c>--series</c>, <c>--window</c>, <c>--horizon</c>, <c>--absolute-level</c> (forecasting).
/// </summary>
internal sealed class TaskOptions
{
    private const string DefaultTokens = "word";

    private readonly Option<TaskKind?> _task = OptionFactory.Choice("--task", "What to learn", TaskNames.Tasks, null);
    private readonly Option<string> _label = OptionFactory.Text("--label", "The label column (classification: the classes; regression: a number)", "COLUMN");
    private readonly Option<string> _text = OptionFactory.Text("--text", "The text column the label is predicted from", "COLUMN");
    private readonly Option<TokenUnit?> _tokens = OptionFactory.Choice("--tokens", "How text is cut into tokens", TaskNames.Tokens, DefaultTokens);
    private readonly Option<bool> _lowerCase = OptionFactory.Switch("--lowercase", "Lower-case text before tokenising");
    private readonly Option<string> _series = OptionFactory.Text("--series", "The series column to forecast (one time step per row, oldest first)", "COLUMN");
    private readonly Option<int?> _window = OptionFactory.Integer("--window", "W, past values per forecast (forecasting)", 1, null);
    private readonly Option<int?> _horizon = OptionFactory.Integer("--horizon", "H, future values forecast at once (forecasting)", 1, null);
    private readonly Option<bool> _absoluteLevel = OptionFactory.Switch("--absolute-level",
        "Forecast levels directly instead of changes from the window's last value (forecasting)");

    /// <summary>Creates the options; <c>--task</c> is required.</summary>
    public TaskOptions() => _task.Required = true;

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_task, _label, _text, _tokens, _lowerCase, _series, _window, _horizon, _absoluteLevel])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The task the options describe, checked for options that belong to the other kind of task.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The task.</returns>
    /// <exception cref="CliUsageException">An option the task needs is missing, or one it does not use is given.</exception>
    public TaskSpec Read(ParseResult result)
    {
        var kind = result.GetRequiredValue(_task)!.Value;
        string taskName = TaskNames.NameOf(TaskNames.Tasks, kind);
        bool forecasting = kind == TaskKind.Forecasting;
        Option[] needed = forecasting ? [_series, _window, _horizon] : [_label, _text];
        Option[] unused = forecasting ? [_label, _text, _tokens, _lowerCase] : [_series, _window, _horizon, _absoluteLevel];
        foreach (var option in needed.Where(o => result.GetResult(o) is null))
        {
            throw new CliUsageException($"{option.Name}: expected a value with --task {taskName}, got none.");
        }

        foreach (var option in unused.Where(o => result.GetResult(o) is { Implicit: false }))
        {
            throw new CliUsageException($"{option.Name}: not used by --task {taskName}; expected only {string.Join(", ", needed.Select(o => o.Name))} and the common options.");
        }

        var spec = new TaskSpec(kind, result.GetValue(_label), result.GetValue(_text), result.GetValue(_tokens) ?? TaskNames.Tokens[DefaultTokens], result.GetValue(_lowerCase),
            result.GetValue(_series), result.GetValue(_window) ?? 0, result.GetValue(_horizon) ?? 0,
            result.GetValue(_absoluteLevel) ? ForecastLevel.Absolute : ForecastLevel.RelativeToLastValue);
        if (!forecasting && spec.LabelColumn == spec.TextColumn)
        {
            throw new CliUsageException($"--text: expected a column other than the label, got '{spec.TextColumn}' for both.");
        }

        return spec;
    }
}
