using MLNet.Recurrent.Cli.Errors;

namespace MLNet.Recurrent.Cli.Input;

/// <summary>The field separator of a delimited file: given by <c>--separator</c>, or taken from the file's extension.</summary>
internal static class Separators
{
    /// <summary>The words <c>--separator</c> accepts besides a single character.</summary>
    public const string Accepted = "one character, 'tab', 'comma', 'semicolon' or 'space'";

    /// <summary>
    /// The separator for <paramref name="path"/>: <paramref name="value"/> when given, else ',' for a .csv file and a
    /// tab for anything else (.tsv, .tab, .txt, ...).
    /// </summary>
    /// <param name="value">The <c>--separator</c> value, or null when not given.</param>
    /// <param name="path">The data file.</param>
    /// <returns>The separator character.</returns>
    /// <exception cref="CliUsageException"><paramref name="value"/> is neither one character nor a known name.</exception>
    public static char Resolve(string? value, string path) => value switch
    {
        null => Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ',' : '\t',
        "tab" or "\\t" => '\t',
        "comma" => ',',
        "semicolon" => ';',
        "space" => ' ',
        { Length: 1 } => value[0],
        _ => throw new CliUsageException($"--separator: expected {Accepted}, got '{value}'."),
    };

    /// <summary>How a separator is shown in messages and summaries.</summary>
    /// <param name="separator">The separator.</param>
    /// <returns>"tab", "space" or the character in quotes.</returns>
    public static string Describe(char separator) => separator switch
    {
        '\t' => "tab",
        ',' => "comma",
        ' ' => "space",
        _ => $"'{separator}'",
    };
}
