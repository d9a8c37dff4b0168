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

    private sealed class Cursor(EnumerableDataView<TRow> view, bool[] active)
        : RowObjectCursor<TRow>(view.Schema, view._mapping, active, "data")
    {
        private IEnumerator<TRow>? _rows;
        private bool _done;

        protected override TRow? NextRow()
        {
            if (_done)
            {
                return null;
            }

            _rows ??= view._source.GetEnumerator();
            if (!_rows.MoveNext())
            {
                Dispose(true);
                return null;
            }

            return _rows.Current
                ?? throw new InvalidOperationException($"data: row {Position + 1} is null; every {typeof(TRow).Name} must be an object.");
        }

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
