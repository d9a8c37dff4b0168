namespace MLNet.Recurrent.Data;

/// <summary>
/// A line of a text file cannot be read: a field is not a valid value of its column's type (for example "abc" in a
/// Single column, "7" in a key column of 5 keys), or a quoted field is not closed properly. The message names the
/// file, the 1-based line number, the column and field, and the offending text. (ML.NET would load a malformed
/// number as missing and only count it; this library stops instead, so bad data is never trained on silently.
/// Empty fields are not errors: they load as missing values.)
/// </summary>
public sealed class TextLoaderFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="lineNumber">The 1-based line number (of the record's first line).</param>
    /// <param name="columnName">The column being loaded, or null for a problem with the line itself (quoting).</param>
    /// <param name="fieldIndex">The 0-based field index.</param>
    /// <param name="text">The offending text.</param>
    /// <param name="problem">What was expected, in words.</param>
    public TextLoaderFormatException(string path, long lineNumber, string? columnName, int fieldIndex, string text, string problem)
        : base($"{path}({lineNumber}): {(columnName is null ? "" : $"column '{columnName}', ")}field {fieldIndex}: {problem}, got '{Shorten(text)}'.")
    {
        Path = path;
        LineNumber = lineNumber;
        ColumnName = columnName;
        FieldIndex = fieldIndex;
        Text = text;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line number.</summary>
    public long LineNumber { get; }

    /// <summary>The column being loaded (null for a quoting problem).</summary>
    public string? ColumnName { get; }

    /// <summary>The 0-based field index.</summary>
    public int FieldIndex { get; }

    /// <summary>The offending text (in full; the message shows at most 200 characters).</summary>
    public string Text { get; }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
