namespace MLNet.Recurrent.Data;

/// <summary>
/// A lazy view over an <see cref="IEnumerable{T}"/> of row objects (what <c>LoadFromEnumerable</c> returns): each
/// cursor enumerates the source afresh and holds only its current object, so the source may be a generator larger
/// than memory, and changes to a list show in the next cursor. Not shufflable.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
internal sealed class EnumerableDataView<TRow> : IDataView
    where TRow : class
{
    private readonly IEnumerable<TRow> _source;
    private readonly RowTypeMapping<TRow> _mapping;

    /// <summary>Creates the view.</summary>
    /// <param name="source">The rows (enumerated once per cursor).</param>
    /// <param name="mapping">The members read as columns.</param>
    public EnumerableDataView(IEnumerable<TRow> source, RowTypeMapping<TRow> mapping)
    {
        _source = source;
        _mapping = mapping;
        Schema = mapping.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    /// <summary>The count of a collection source; null for other enumerables (counting would enumerate them).</summary>
    /// <returns>The row count or null.</returns>
    public long? GetRowCount() => _source switch
    {
        IReadOnlyCollection<TRow> collection => collection.Count,
        ICollection<TRow> collection => collection.Count,
        _ => null,
    };

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        return new Cursor(this, CursorChecks.ActiveFlags(columnsNeeded, Schema.Count));
    }

    private sealed class Cursor(EnumerableDataView<TRow> view, bool[] active) : DataViewRowCursor
    {
        private readonly RowHolder<TRow> _holder = new();
        private IEnumerator<TRow>? _rows;
        private bool _done;

        public override long Position => _holder.Position;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            _rows ??= view._source.GetEnumerator();
            if (!_rows.MoveNext())
            {
                _done = true;
                _holder.Current = null;
                _rows.Dispose();
                return false;
            }

            _holder.Current = _rows.Current
                ?? throw new InvalidOperationException($"data: row {_holder.Position + 1} is null; every {typeof(TRow).Name} must be an object.");
            _holder.Position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            CursorChecks.CheckActive(active, column);
            return CursorChecks.Typed<TValue>(view._mapping.Members[column.Index].CreateGetter(_holder, "data"), column);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter()
            => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_holder.Position, 0);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rows?.Dispose();
                _done = true;
            }
        }
    }
}
