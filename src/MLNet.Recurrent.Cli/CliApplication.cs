using System.CommandLine;
using MLNet.Recurrent.Cli.Commands;
using MLNet.Recurrent.Cli.Errors;

namespace MLNet.Recurrent.Cli;

/// <summary>
/// The <c>mlnet-recurrent</c> command line: <c>train</c>, <c>evaluate</c>, <c>predict</c> and <c>compare</c> over
/// CSV/TSV files whose columns are named by options, with <c>--json</c> for machine-readable output.
/// </summary>
/// <remarks>
/// Exit codes: 0 success; 1 the data or model could not be used (missing file or column, a value of the wrong type,
/// a corrupt model, diverged training); 2 the command line is wrong. Every error is one line on standard error,
/// "error: " followed by the option or column, what was expected and what was found — never a stack trace.
/// </remarks>
public static class CliApplication
{
    /// <summary>The command's name, as typed.</summary>
    public const string Name = "mlnet-recurrent";

    /// <summary>Runs one command line, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    /// <param name="args">The arguments after the program name, e.g. ["train", "--data", "words.tsv", ...].</param>
    /// <param name="output">Standard output (results, progress, JSON lines, help).</param>
    /// <param name="error">Standard error (one line per failure).</param>
    /// <returns>The exit code: 0, 1 (data or model error) or 2 (usage error).</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error);
        var root = new RootCommand("Train, evaluate, compare and apply recurrent sequence models (LSTM, GRU, RNN) on CSV/TSV files.")
        {
            TrainCommand.Create(context),
            EvaluateCommand.Create(context),
            PredictCommand.Create(context),
            CompareCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.CommandResult.Command is RootCommand && args.Length > 0 && !args[0].StartsWith('-'))
        {
            error.WriteLine($"error: expected a command (train, evaluate, predict or compare), got '{args[0]}'. (see '{Name} --help')");
            return ExitCodes.UsageError;
        }

        if (parsed.Errors.Count > 0)
        {
            string command = parsed.CommandResult.Command is RootCommand ? Name : $"{Name} {parsed.CommandResult.Command.Name}";
            string messages = string.Join(" ", parsed.Errors.Select(e => ErrorReport.OneLine(e.Message)).Distinct());
            error.WriteLine($"error: {messages} (see '{command} --help')");
            return ExitCodes.UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            var report = ErrorReport.From(e);
            error.WriteLine($"error: {report.Message}");
            return report.ExitCode;
        }
    }
}
