using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

public sealed partial class DataOperationsCatalog
{
    /// <summary>
    /// A lazy view over objects (ML.NET's LoadFromEnumerable): one column per public field or property of
    /// <typeparamref name="TRow"/> (see <see cref="SchemaDefinition.Create"/>). Each cursor enumerates
    /// <paramref name="data"/> afresh and reads members through compiled delegates, holding one object — so the source
    /// may be a generator, and a list's later changes show in later cursors. Values are copied out of the objects
    /// (arrays included). Not shufflable.
    /// </summary>
    /// <typeparam name="TRow">The row class.</typeparam>
    /// <param name="data">The rows (enumerated once per cursor; no element may be null).</param>
    /// <param name="schemaDefinition">The member → column mapping (default null: derived from <typeparamref name="TRow"/>).</param>
    /// <returns>The view.</returns>
    /// <exception cref="SchemaMismatchException">A member's type is unsupported, or the definition names a missing member or a type that does not suit it.</exception>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, SchemaDefinition? schemaDefinition = null)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        return new EnumerableDataView<TRow>(data, RowTypeMapping<TRow>.Create(schemaDefinition, SchemaDefinition.Direction.Read));
    }

    /// <summary>
    /// As <see cref="LoadFromEnumerable{TRow}(IEnumerable{TRow}, SchemaDefinition)"/>, with the column types (and
    /// annotations) of <paramref name="schema"/> for the members whose column it has — for example a fixed vector size,
    /// or key values, taken from a model's input schema.
    /// </summary>
    /// <typeparam name="TRow">The row class.</typeparam>
    /// <param name="data">The rows.</param>
    /// <param name="schema">The schema whose types win.</param>
    /// <returns>The view.</returns>
    /// <exception cref="SchemaMismatchException">A column type of <paramref name="schema"/> does not suit its member.</exception>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, DataViewSchema schema)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(schema);
        return LoadFromEnumerable(data, RowTypeMapping<TRow>.DefinitionFromSchema(schema, SchemaDefinition.Direction.Read));
    }

    /// <summary>
    /// The rows of <paramref name="data"/> as objects, lazily (ML.NET's CreateEnumerable): each enumeration opens a
    /// cursor on the columns the members map to and fills one object per row. The member ↔ column types are checked
    /// now: a scalar member needs a column of its raw type (a uint member also reads key columns), an array member a
    /// vector of its item type (any length, unless both sides fix different sizes), a string a text column.
    /// </summary>
    /// <typeparam name="TRow">The row class.</typeparam>
    /// <param name="data">The rows.</param>
    /// <param name="reuseRowObject">Whether one object (and its arrays) is refilled for every row — faster, but earlier rows' values are overwritten.</param>
    /// <param name="ignoreMissingColumns">Whether members without a column are left as constructed (default false: an error).</param>
    /// <param name="schemaDefinition">The member → column mapping (default null: derived from <typeparamref name="TRow"/>).</param>
    /// <returns>The rows.</returns>
    /// <exception cref="SchemaMismatchException">A member's column is missing (and not ignored) or of a type that does not suit it; the message names the column, expected and found types.</exception>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false, SchemaDefinition? schemaDefinition = null)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        var mapping = RowTypeMapping<TRow>.Create(schemaDefinition, SchemaDefinition.Direction.Write);
        var writer = new RowObjectWriter<TRow>(mapping, data.Schema, ignoreMissingColumns, nameof(data));
        return Enumerate(data, writer, reuseRowObject);
    }

    /// <summary>A text loader for <paramref name="columns"/> (ML.NET's CreateTextLoader).</summary>
    /// <param name="columns">The columns to load.</param>
    /// <param name="separatorChar">The field separator (default tab).</param>
    /// <param name="hasHeader">Whether each file starts with a header line to skip (default false).</param>
    /// <param name="allowQuoting">Whether fields may be quoted per RFC 4180 (default false).</param>
    /// <param name="trimWhitespace">Whether trailing whitespace is removed from lines (default false).</param>
    /// <param name="allowSparse">Must be false: sparse rows are not supported.</param>
    /// <returns>The loader.</returns>
    /// <exception cref="ArgumentException">Invalid columns or separator (see <see cref="TextLoader.Options"/>).</exception>
    /// <exception cref="NotSupportedException"><paramref name="allowSparse"/> is true.</exception>
    public TextLoader CreateTextLoader(TextLoader.Column[] columns, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
        => CreateTextLoader(SimpleOptions(columns, separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse));

    /// <summary>A text loader with full settings (ML.NET's CreateTextLoader(options)).</summary>
    /// <param name="options">The settings.</param>
    /// <returns>The loader.</returns>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    /// <exception cref="NotSupportedException"><see cref="TextLoader.Options.AllowSparse"/> is true.</exception>
    public TextLoader CreateTextLoader(TextLoader.Options options) => new(options);

    /// <summary>A text loader whose columns come from the [LoadColumn] members of <typeparamref name="TInput"/> (ML.NET's CreateTextLoader&lt;TInput&gt;).</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="separatorChar">The field separator (default tab).</param>
    /// <param name="hasHeader">Whether each file starts with a header line to skip (default false).</param>
    /// <param name="allowQuoting">Whether fields may be quoted per RFC 4180 (default false).</param>
    /// <param name="trimWhitespace">Whether trailing whitespace is removed from lines (default false).</param>
    /// <param name="allowSparse">Must be false: sparse rows are not supported.</param>
    /// <returns>The loader.</returns>
    /// <exception cref="SchemaMismatchException">A member lacks [LoadColumn] or cannot be loaded.</exception>
    /// <exception cref="NotSupportedException"><paramref name="allowSparse"/> is true.</exception>
    public TextLoader CreateTextLoader<TInput>(char separatorChar = '\t', bool hasHeader = false, bool allowQuoting = false,
        bool trimWhitespace = false, bool allowSparse = false)
        => CreateTextLoader(SimpleOptions(TextLoaderColumnInference.FromType(typeof(TInput)), separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse));

    /// <summary>A text loader whose columns come from <typeparamref name="TInput"/> and whose other settings from <paramref name="options"/>.</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="options">The settings (its Columns are ignored).</param>
    /// <returns>The loader.</returns>
    /// <exception cref="SchemaMismatchException">A member lacks [LoadColumn] or cannot be loaded.</exception>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    public TextLoader CreateTextLoader<TInput>(TextLoader.Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TextLoader(options.CopyWith(TextLoaderColumnInference.FromType(typeof(TInput))));
    }

    /// <summary>
    /// Loads <paramref name="path"/>, lazily and streaming, with <paramref name="columns"/> (ML.NET's LoadFromTextFile).
    /// See <see cref="TextLoader"/> for line, quoting, missing-value and error rules.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">The columns to load.</param>
    /// <param name="separatorChar">The field separator (default tab).</param>
    /// <param name="hasHeader">Whether the file starts with a header line to skip (default false).</param>
    /// <param name="allowQuoting">Whether fields may be quoted per RFC 4180 (default false).</param>
    /// <param name="trimWhitespace">Whether trailing whitespace is removed from lines (default false).</param>
    /// <param name="allowSparse">Must be false: sparse rows are not supported.</param>
    /// <returns>The view.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">Invalid columns or separator.</exception>
    /// <exception cref="NotSupportedException"><paramref name="allowSparse"/> is true.</exception>
    public IDataView LoadFromTextFile(string path, TextLoader.Column[] columns, char separatorChar = '\t', bool hasHeader = false,
        bool allowQuoting = false, bool trimWhitespace = false, bool allowSparse = false)
        => CreateTextLoader(columns, separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse).Load(path);

    /// <summary>Loads <paramref name="path"/>, lazily and streaming, with full settings (ML.NET's LoadFromTextFile(path, options)).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The view.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    /// <exception cref="NotSupportedException"><see cref="TextLoader.Options.AllowSparse"/> is true.</exception>
    public IDataView LoadFromTextFile(string path, TextLoader.Options options) => CreateTextLoader(options).Load(path);

    /// <summary>
    /// Loads <paramref name="path"/>, lazily and streaming, with the columns of <typeparamref name="TInput"/>'s
    /// [LoadColumn] members (ML.NET's LoadFromTextFile&lt;TInput&gt;). See <see cref="TextLoader"/> for the rules.
    /// </summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="separatorChar">The field separator (default tab).</param>
    /// <param name="hasHeader">Whether the file starts with a header line to skip (default false).</param>
    /// <param name="allowQuoting">Whether fields may be quoted per RFC 4180 (default false).</param>
    /// <param name="trimWhitespace">Whether trailing whitespace is removed from lines (default false).</param>
    /// <param name="allowSparse">Must be false: sparse rows are not supported.</param>
    /// <returns>The view.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SchemaMismatchException">A member lacks [LoadColumn] or cannot be loaded.</exception>
    /// <exception cref="NotSupportedException"><paramref name="allowSparse"/> is true.</exception>
    public IDataView LoadFromTextFile<TInput>(string path, char separatorChar = '\t', bool hasHeader = false, bool allowQuoting = false,
        bool trimWhitespace = false, bool allowSparse = false)
        => CreateTextLoader<TInput>(separatorChar, hasHeader, allowQuoting, trimWhitespace, allowSparse).Load(path);

    /// <summary>Loads <paramref name="path"/> with the columns of <typeparamref name="TInput"/> and the other settings of <paramref name="options"/>.</summary>
    /// <typeparam name="TInput">The row class.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="options">The settings (its Columns are ignored).</param>
    /// <returns>The view.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SchemaMismatchException">A member lacks [LoadColumn] or cannot be loaded.</exception>
    public IDataView LoadFromTextFile<TInput>(string path, TextLoader.Options options) => CreateTextLoader<TInput>(options).Load(path);

    private static TextLoader.Options SimpleOptions(TextLoader.Column[] columns, char separatorChar, bool hasHeader, bool allowQuoting,
        bool trimWhitespace, bool allowSparse)
        => new()
        {
            Columns = columns,
            Separators = [separatorChar],
            HasHeader = hasHeader,
            AllowQuoting = allowQuoting,
            TrimWhitespace = trimWhitespace,
            AllowSparse = allowSparse,
        };

    private static IEnumerable<TRow> Enumerate<TRow>(IDataView data, RowObjectWriter<TRow> writer, bool reuseRowObject)
        where TRow : class, new()
    {
        using var cursor = data.GetRowCursor(writer.Columns);
        var fill = writer.CreateFiller(cursor);
        TRow? reused = null;
        while (cursor.MoveNext())
        {
            var row = reuseRowObject ? reused ??= new TRow() : new TRow();
            fill(row);
            yield return row;
        }
    }
}
