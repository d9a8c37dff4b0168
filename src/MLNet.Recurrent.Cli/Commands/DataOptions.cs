using System.CommandLine;
using MLNet.Recurrent.Cli.Input;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>The data file options: <c>--data</c>, <c>--separator</c>, <c>--has-header</c>.</summary>
internal sealed class DataOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="required">Whether <c>--data</c> must be given.</param>
    public DataOptions(bool required)
    {
        Data = OptionFactory.Text("--data", "The CSV or TSV file", "FILE", required);
        Separator = OptionFactory.Text("--separator", $"The field separator: {Separators.Accepted} [default: comma for .csv, tab otherwise]", "SEP");
        HasHeader = OptionFactory.Switch("--has-header", "Whether the first line names the columns (false: columns are named by 0-based index)", true);
    }

    /// <summary><c>--data</c>.</summary>
    public Option<string> Data { get; }

    /// <summary><c>--separator</c>.</summary>
    public Option<string> Separator { get; }

    /// <summary><c>--has-header</c>.</summary>
    public Option<bool> HasHeader { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Separator);
        command.Options.Add(HasHeader);
    }

    /// <summary>Whether <c>--data</c> was given.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>True when given.</returns>
    public bool IsGiven(ParseResult result) => result.GetValue(Data) is not null;

    /// <summary>Opens the file the options name and reads its header.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The file.</returns>
    /// <exception cref="Errors.CliUsageException">The separator is not accepted.</exception>
    /// <exception cref="Errors.CliDataException">The file is missing, unreadable or empty.</exception>
    public DelimitedFile Open(ParseResult result)
        => DelimitedFile.Open(result.GetRequiredValue(Data), result.GetValue(Separator), result.GetValue(HasHeader));
}
