using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Cli.Errors;

/// <summary>
/// Turns an exception that ends a command into what the user sees: one line on standard error (no stack trace) and an
/// exit code — <see cref="ExitCodes.UsageError"/> for command-line mistakes, <see cref="ExitCodes.DataError"/> for
/// everything the data, the model or the file system caused (the library's messages already name the file, column
/// or entry, and say what was expected and what was found).
/// </summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Message">The one-line message, without the "error: " prefix.</param>
internal sealed record ErrorReport(int ExitCode, string Message)
{
    /// <summary>Classifies <paramref name="exception"/>.</summary>
    /// <param name="exception">What the command threw.</param>
    /// <returns>The exit code and the message on one line.</returns>
    public static ErrorReport From(Exception exception) => exception switch
    {
        CliUsageException usage => new(ExitCodes.UsageError, OneLine(usage.Message)),
        CliDataException data => new(ExitCodes.DataError, OneLine(data.Message)),
        TextLoaderFormatException format => new(ExitCodes.DataError, OneLine($"--data: {format.Message}")),
        NonFiniteLossException diverged => new(ExitCodes.DataError, OneLine($"training diverged (try a lower --learning-rate): {diverged.Message}")),
        _ => new(ExitCodes.DataError, OneLine(exception.Message)),
    };

    /// <summary>Collapses line breaks and runs of white space so a message fits on one line.</summary>
    /// <param name="message">A message.</param>
    /// <returns>The message on one line.</returns>
    public static string OneLine(string message)
        => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
