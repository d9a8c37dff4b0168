namespace MLNet.Recurrent.Data;

/// <summary>
/// Loads delimited text files — TSV, CSV — as lazy, streaming data views (ML.NET's TextLoader). Created by
/// <c>mlContext.Data.CreateTextLoader</c>; <see cref="Load"/> checks that the files exist and returns a view whose
/// cursors read the files line by line: memory holds one record whatever the file size, and only requested columns
/// are parsed.
/// </summary>
/// <remarks>
/// <para>Lines: blank lines and lines starting with "//" are skipped, as are lines starting with '#' before the first
/// record (ML.NET's comment conventions); with <see cref="Options.HasHeader"/> the first remaining line of each file is
/// skipped. Fields are split at <see cref="Options.Separators"/>; with <see cref="Options.AllowQuoting"/> RFC 4180 quoting
/// applies, and with <see cref="Options.ReadMultilines"/> a quoted field may span lines (off by default: an unclosed
/// quote is then an error).</para>
/// <para>Values: a column reads one field (scalar), fixed field ranges (a fixed-size vector) or a range open to the
/// end of the line (a variable-length vector — a sequence). Blank or absent fields are missing values (see
/// <see cref="Options.MissingRealsAsNaNs"/>); a field that is not a valid value throws
/// <see cref="TextLoaderFormatException"/> naming file, line, column and text when the row is read.</para>
/// </remarks>
public sealed partial class TextLoader
{
    private readonly Options _options;

    /// <summary>Creates a loader with validated settings (copied).</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentException">No columns, an unnamed column, a bad range, a key count on a non-UInt32 column, or bad separators/markers.</exception>
    /// <exception cref="NotSupportedException"><see cref="Options.AllowSparse"/> is true.</exception>
    internal TextLoader(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _options = options.CopyWith(options.Columns);
        Readers = _options.Columns.Select(c => TextFieldParsers.CreateReader(c, _options)).ToArray();
        var builder = new DataViewSchema.Builder();
        foreach (var reader in Readers)
        {
            builder.AddColumn(reader.Name, reader.Type);
        }

        Schema = builder.ToSchema();
    }

    /// <summary>The settings (a private copy).</summary>
    internal Options Settings => _options;

    /// <summary>One reader per column.</summary>
    internal IReadOnlyList<TextColumnReader> Readers { get; }

    /// <summary>The schema of the views this loader returns.</summary>
    internal DataViewSchema Schema { get; }

    /// <summary>The schema of the views <see cref="Load"/> returns.</summary>
    /// <returns>One column per loader column, in order.</returns>
    public DataViewSchema GetOutputSchema() => Schema;

    /// <summary>
    /// A lazy view over <paramref name="path"/> (several files are read one after another, each with its own header).
    /// Nothing is read until a cursor moves.
    /// </summary>
    /// <param name="path">One or more files.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException">No path given, or an empty path.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist (the message names it).</exception>
    public IDataView Load(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new ArgumentException($"{nameof(path)}: expected at least one file, got none.", nameof(path));
        }

        foreach (var file in path)
        {
            ArgumentException.ThrowIfNullOrEmpty(file, nameof(path));
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{nameof(path)}: the data file '{file}' does not exist (full path '{System.IO.Path.GetFullPath(file)}').", file);
            }
        }

        return new TextDataView(this, [.. path]);
    }

    private static void Validate(Options options)
    {
        const string paramName = nameof(options);
        if (options.Columns is null || options.Columns.Length == 0)
        {
            throw new ArgumentException($"{paramName}: expected at least one column, got none.", paramName);
        }

        foreach (var column in options.Columns)
        {
            ValidateColumn(column, paramName);
        }

        if (options.Separators is null || options.Separators.Length == 0)
        {
            throw new ArgumentException($"{paramName}: expected at least one separator, got none.", paramName);
        }

        if (options.AllowQuoting && (options.Separators.Contains('"') || options.Separators.Contains(options.EscapeChar)))
        {
            throw new ArgumentException($"{paramName}: with quoting, separators must differ from '\"' and the escape character, got [{string.Join(", ", options.Separators)}].", paramName);
        }

        if (options.DecimalMarker is not ('.' or ',') || options.Separators.Contains(options.DecimalMarker))
        {
            throw new ArgumentException($"{paramName}: expected a decimal marker '.' or ',' that is not a separator, got '{options.DecimalMarker}'.", paramName);
        }

        if (options.MaxRows is < 0)
        {
            throw new ArgumentException($"{paramName}: expected MaxRows ≥ 0 or null, got {options.MaxRows}.", paramName);
        }

        if (options.AllowSparse)
        {
            throw new NotSupportedException($"{paramName}: sparse text rows (AllowSparse) are not supported by this library; every vector is dense.");
        }
    }

    private static void ValidateColumn(Column column, string paramName)
    {
        ArgumentNullException.ThrowIfNull(column, paramName);
        string name = string.IsNullOrEmpty(column.Name)
            ? throw new ArgumentException($"{paramName}: every column needs a name, got an empty one ({column}).", paramName)
            : column.Name;
        if (!Enum.IsDefined(column.DataKind))
        {
            throw new ArgumentException($"{paramName}: column '{name}' has DataKind {(int)column.DataKind}; expected one of {string.Join(", ", Enum.GetNames<DataKind>())}.", paramName);
        }

        if (column.KeyCount is not null && column.DataKind != DataKind.UInt32)
        {
            throw new ArgumentException($"{paramName}: column '{name}' has a KeyCount; expected DataKind.UInt32 for a key column, got {column.DataKind}.", paramName);
        }

        if (column.Source is null || column.Source.Length == 0)
        {
            throw new ArgumentException($"{paramName}: column '{name}' expected at least one source range, got none.", paramName);
        }

        for (int i = 0; i < column.Source.Length; i++)
        {
            var range = column.Source[i];
            if (range is null || range.Min < 0 || range.Max < range.Min || (range.Max is null && i != column.Source.Length - 1))
            {
                throw new ArgumentException(
                    $"{paramName}: column '{name}' range {i} expected 0 ≤ Min ≤ Max (an open Max only in the last range), got {range?.ToString() ?? "null"}.", paramName);
            }
        }
    }
}
