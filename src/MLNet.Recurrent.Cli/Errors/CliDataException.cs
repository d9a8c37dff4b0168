namespace MLNet.Recurrent.Cli.Errors;

/// <summary>
/// The data or model named on the command line cannot be used (a missing file or column, too few rows, a model this
/// tool did not train); reported on one line with exit code <see cref="ExitCodes.DataError"/>. The message starts with
/// the option that named the file or column.
/// </summary>
/// <param name="message">What is wrong: the option, what was expected and what was found.</param>
/// <param name="inner">The library's exception, when there is one.</param>
internal sealed class CliDataException(string message, Exception? inner = null) : Exception(message, inner);
