namespace MLNet.Recurrent.Data;

/// <summary>
/// A data view over columns held in arrays (what <c>Cache</c> materialises, and a convenient source in tests).
/// Vector values are copied into the caller's buffer on every read, so callers can never alter the stored rows.
/// </summary>
internal sealed class InMemoryDataView : IDataView
{
    private readonly Array?[] _columns;
    private readonly int _rowCount;

    /// <summary>Creates a view; every column array must have the same length, of the column type's raw type.</summary>
    /// <param name="columns">Name, type and values of each column.</param>
    /// <exception cref="ArgumentException">Lengths differ or an array's element type is not the column's raw type.</exception>
    public InMemoryDataView(IReadOnlyList<(string Name, DataViewType Type, Array Values, Annotations? Annotations)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var builder = new DataViewSchema.Builder();
        _columns = new Array[columns.Count];
        _rowCount = columns.Count == 0 ? 0 : columns[0].Values.Length;
        for (int i = 0; i < columns.Count; i++)
        {
            var (name, type, values, annotations) = columns[i];
            if (values.GetType().GetElementType() != type.RawType)
            {
                throw new ArgumentException($"{nameof(columns)}: column '{name}' expected values of {type.RawType.Name}, got {values.GetType().Name}.", nameof(columns));
            }

            if (values.Length != _rowCount)
            {
                throw new ArgumentException($"{nameof(columns)}: column '{name}' expected {_rowCount} rows, got {values.Length}.", nameof(columns));
            }

            builder.AddColumn(name, type, annotations);
            _columns[i] = values;
        }

        Schema = builder.ToSchema();
    }

    /// <summary>
    /// Creates a view over <paramref name="schema"/> where only some columns hold values (the cache fills columns as
    /// they are first requested); a cursor may not request a column whose array is null.
    /// </summary>
    /// <param name="schema">The schema (hidden columns and annotations kept).</param>
    /// <param name="columns">One array of <paramref name="rowCount"/> raw values per column, or null.</param>
    /// <param name="rowCount">The number of rows.</param>
    internal InMemoryDataView(DataViewSchema schema, Array?[] columns, int rowCount)
    {
        Schema = schema;
        _columns = columns;
        _rowCount = rowCount;
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = _columns[column.Index] is not null
                ? true
                : throw new InvalidOperationException($"Column '{column.Name}' holds no values in this view.");
        }

        int[]? order = null;
        if (rand is not null)
        {
            order = Enumerable.Range(0, _rowCount).ToArray();
            rand.Shuffle(order);
        }

        return new Cursor(this, active, order);
    }

    private sealed class Cursor(InMemoryDataView view, bool[] active, int[]? order) : DataViewRowCursor
    {
        private long _position = -1;

        private int Row => order is null ? (int)_position : order[_position];

        public override long Position => _position;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rowCount)
            {
                _position = view._rowCount;
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            }

            var values = view._columns[column.Index] as TValue[]
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
            return VBufferCopier<TValue>.Copy is { } copy
                ? (ref TValue value) => copy(values[Row], ref value)
                : (ref TValue value) => value = values[Row];
        }

        public override ValueGetter<DataViewRowId> GetIdGetter()
            => (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row, 0);
    }
}

/// <summary>Copies a VBuffer value into a destination buffer (reusing its storage) when TValue is a VBuffer; null otherwise.</summary>
/// <typeparam name="TValue">A column raw type.</typeparam>
internal static class VBufferCopier<TValue>
{
    public delegate void CopyInto(in TValue source, ref TValue destination);

    public static readonly CopyInto? Copy = Create();

    private static CopyInto? Create()
    {
        if (!typeof(TValue).IsGenericType || typeof(TValue).GetGenericTypeDefinition() != typeof(VBuffer<>))
        {
            return null;
        }

        var method = typeof(VBufferCopier<TValue>).GetMethod(nameof(CopyVector), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(typeof(TValue).GetGenericArguments()[0]);
        return (CopyInto)Delegate.CreateDelegate(typeof(CopyInto), method);
    }

    private static void CopyVector<T>(in VBuffer<T> source, ref VBuffer<T> destination)
    {
        var array = VBuffer<T>.GetWritableArray(destination, source.Length);
        source.GetValues().CopyTo(array);
        destination = new VBuffer<T>(source.Length, array);
    }
}
