using System.Text;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Input;

/// <summary>
/// A CSV or TSV file whose columns are named on the command line. Opening it reads only the header line (the first
/// line that is not blank and not a comment, by the text loader's rules); <see cref="Load"/> returns a lazy, streaming
/// view of the named columns through the library's text loader, so no row class is needed.
/// </summary>
/// <remarks>
/// Without a header, a column is named by its 0-based field index ("0", "1", ...). Quoted fields (RFC 4180) are read
/// when the separator is ','. Blank numeric fields load as NaN (missing), which training skips.
/// </remarks>
internal sealed class DelimitedFile
{
    private DelimitedFile(string path, char separator, bool hasHeader, IReadOnlyList<string> columnNames)
    {
        Path = path;
        Separator = separator;
        HasHeader = hasHeader;
        ColumnNames = columnNames;
    }

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>Whether the first record is a header of column names.</summary>
    public bool HasHeader { get; }

    /// <summary>The column names: the header's fields, or "0", "1", ... without a header.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Whether quoted fields are honoured: in comma-separated files.</summary>
    private static bool QuotesFields(char separator) => separator == ',';

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <param name="path">The file (<c>--data</c>).</param>
    /// <param name="separator">The <c>--separator</c> value, or null to take it from the extension.</param>
    /// <param name="hasHeader">The <c>--has-header</c> value.</param>
    /// <returns>The file.</returns>
    /// <exception cref="CliUsageException">The separator value is not accepted.</exception>
    /// <exception cref="CliDataException">The file does not exist, cannot be read, or has no record.</exception>
    public static DelimitedFile Open(string path, string? separator, bool hasHeader)
    {
        char separatorChar = Separators.Resolve(separator, path);
        if (!File.Exists(path))
        {
            throw new CliDataException($"--data: expected an existing CSV/TSV file, got '{path}', which does not exist.");
        }

        string? first;
        try
        {
            first = FirstRecord(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliDataException($"--data: cannot read '{path}': {e.Message}", e);
        }

        if (first is null)
        {
            throw new CliDataException($"--data: expected a {(hasHeader ? "header line and " : "")}rows in '{path}', got an empty file.");
        }

        var fields = SplitFields(first, separatorChar, QuotesFields(separatorChar));
        IReadOnlyList<string> names = hasHeader
            ? fields.Select(f => f.Trim()).ToArray()
            : Enumerable.Range(0, fields.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new DelimitedFile(path, separatorChar, hasHeader, names);
    }

    /// <summary>The 0-based field index of <paramref name="column"/>.</summary>
    /// <param name="column">The column and who named it.</param>
    /// <returns>The index.</returns>
    /// <exception cref="CliDataException">No column has that name; the message lists the columns there are.</exception>
    public int IndexOf(FileColumn column)
    {
        for (int i = 0; i < ColumnNames.Count; i++)
        {
            if (ColumnNames[i] == column.Name)
            {
                return i;
            }
        }

        string names = string.Join(", ", ColumnNames.Select(n => $"'{n}'"));
        if (!column.NamedByOption)
        {
            throw new CliDataException($"--data: expected {column.Role} '{column.Name}' in '{Path}', got only {names}.");
        }

        string what = HasHeader ? "a column of its header" : "a 0-based field index (the file has no header)";
        throw new CliDataException($"{column.Role}: expected {what} in '{Path}' ({names}), got '{column.Name}'.");
    }

    /// <summary>A lazy view of <paramref name="columns"/>, each loaded as its type under its header name.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="columns">The columns to load (distinct names).</param>
    /// <returns>The view; the file is read by its cursors, one line at a time.</returns>
    /// <exception cref="CliDataException">A column is not in the file.</exception>
    public IDataView Load(MLContext mlContext, IEnumerable<FileColumn> columns)
    {
        var loaderColumns = columns.DistinctBy(c => c.Name).Select(c => new TextLoader.Column(c.Name, c.Kind, IndexOf(c))).ToArray();
        return mlContext.Data.LoadFromTextFile(Path, new TextLoader.Options
        {
            Columns = loaderColumns,
            Separators = [Separator],
            HasHeader = HasHeader,
            AllowQuoting = QuotesFields(Separator),
            MissingRealsAsNaNs = true,
        });
    }

    /// <summary>A one-line description for summaries: file name, separator, header.</summary>
    /// <returns>The description.</returns>
    public string Describe() => $"{System.IO.Path.GetFileName(Path)} ({Separators.Describe(Separator)}-separated{(HasHeader ? ", header" : ", no header")})";

    /// <summary>The first line that is not blank and not a comment ("//", or "#" before the first record), or null.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The line.</returns>
    private static string? FirstRecord(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.AsSpan().TrimStart();
            if (trimmed.IsEmpty || trimmed.StartsWith("//") || trimmed.StartsWith("#"))
            {
                continue;
            }

            return line;
        }

        return null;
    }

    /// <summary>Splits one line into fields; with quoting, separators inside double quotes belong to the field and "" is a quote.</summary>
    /// <param name="line">The line.</param>
    /// <param name="separator">The separator.</param>
    /// <param name="allowQuoting">Whether quotes group characters.</param>
    /// <returns>The fields.</returns>
    private static List<string> SplitFields(string line, char separator, bool allowQuoting)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (allowQuoting && c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == separator && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
