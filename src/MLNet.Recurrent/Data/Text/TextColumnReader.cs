namespace MLNet.Recurrent.Data;

/// <summary>The record a text cursor is on: its file, first line number and fields (shared with the column getters).</summary>
internal sealed class TextRecord
{
    /// <summary>The file being read.</summary>
    public string Path = "";

    /// <summary>The 1-based number of the record's first line.</summary>
    public long LineNumber;

    /// <summary>The fields of the record.</summary>
    public readonly List<ReadOnlyMemory<char>> Fields = [];
}

/// <summary>
/// Reads one column from the current record: scalar columns parse one field; vector columns parse their fixed fields
/// and, for an open-ended last range, every field from its start to the end of the line. Fields past the end of the
/// line are missing. Parsing happens in the getter, so columns that are not requested are never parsed.
/// </summary>
internal abstract class TextColumnReader
{
    private protected TextColumnReader(string name, DataViewType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The column type.</summary>
    public DataViewType Type { get; }

    /// <summary>A ValueGetter of the column's raw type reading <paramref name="record"/>.</summary>
    /// <param name="record">The cursor's record.</param>
    /// <returns>The getter.</returns>
    public abstract Delegate CreateGetter(TextRecord record);
}

/// <summary>A <see cref="TextColumnReader"/> whose items have raw type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The item raw type.</typeparam>
internal sealed class TextColumnReader<T> : TextColumnReader
{
    private readonly int[] _sources;
    private readonly int _variableFrom;
    private readonly T _absent;
    private readonly string _expected;
    private readonly FieldParser<T> _parse;

    /// <summary>Creates the reader of a validated column.</summary>
    /// <param name="column">The column (ranges valid; only the last may be open-ended).</param>
    /// <param name="itemType">The item type.</param>
    /// <param name="absent">The value of a field past the end of the line.</param>
    /// <param name="expected">What a valid field is, in words.</param>
    /// <param name="parse">The field parser.</param>
    public TextColumnReader(TextLoader.Column column, PrimitiveDataViewType itemType, T absent, string expected, FieldParser<T> parse)
        : base(column.Name, ColumnType(column, itemType))
    {
        _sources = column.Source.Where(r => r.Max is not null).SelectMany(r => Enumerable.Range(r.Min, r.Max!.Value - r.Min + 1)).ToArray();
        _variableFrom = column.Source.FirstOrDefault(r => r.Max is null)?.Min ?? -1;
        _absent = absent;
        _expected = expected;
        _parse = parse;
    }

    /// <summary>Whether a column reads a vector: several fields, an open range, or a forced vector.</summary>
    /// <param name="column">The column.</param>
    /// <returns>True for vectors.</returns>
    public static bool IsVector(TextLoader.Column column)
        => column.Source.Length != 1 || column.Source[0].ForceVector || column.Source[0].Max != column.Source[0].Min;

    public override Delegate CreateGetter(TextRecord record)
    {
        if (Type is not VectorDataViewType)
        {
            int source = _sources[0];
            ValueGetter<T> scalar = (ref T value) => value = Read(record, source);
            return scalar;
        }

        ValueGetter<VBuffer<T>> vector = (ref VBuffer<T> value) =>
        {
            int extra = _variableFrom < 0 ? 0 : Math.Max(0, record.Fields.Count - _variableFrom);
            int length = _sources.Length + extra;
            var items = VBuffer<T>.GetWritableArray(value, length);
            for (int i = 0; i < _sources.Length; i++)
            {
                items[i] = Read(record, _sources[i]);
            }

            for (int j = 0; j < extra; j++)
            {
                items[_sources.Length + j] = Read(record, _variableFrom + j);
            }

            value = new VBuffer<T>(length, items);
        };
        return vector;
    }

    private T Read(TextRecord record, int index)
    {
        if (index >= record.Fields.Count)
        {
            return _absent;
        }

        var field = record.Fields[index];
        return _parse(field, out var value)
            ? value
            : throw new TextLoaderFormatException(record.Path, record.LineNumber, Name, index, field.ToString(), $"expected {_expected}");
    }

    private static DataViewType ColumnType(TextLoader.Column column, PrimitiveDataViewType itemType)
    {
        if (!IsVector(column))
        {
            return itemType;
        }

        bool variable = column.Source.Any(r => r.Max is null);
        int size = column.Source.Where(r => r.Max is not null).Sum(r => r.Max!.Value - r.Min + 1);
        return new VectorDataViewType(itemType, variable ? 0 : size);
    }
}
