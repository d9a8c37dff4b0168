namespace MLNet.Recurrent.Cli.Errors;

/// <summary>
/// The command line is wrong in a way the parser cannot see (options that do not go together, an option the task does
/// not use); reported on one line with exit code <see cref="ExitCodes.UsageError"/>. The message starts with the option.
/// </summary>
/// <param name="message">What is wrong: the option, what was expected and what was given.</param>
internal sealed class CliUsageException(string message) : Exception(message);
