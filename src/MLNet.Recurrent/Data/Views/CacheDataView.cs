namespace MLNet.Recurrent.Data;

/// <summary>
/// A view that materialises its input in memory on demand (what <c>Cache</c> returns; ML.NET's CacheDataView):
/// nothing is read when it is created; the first cursor that needs a column reads the input once for every column
/// it needs that is not cached yet (plus the prefetch columns on the first pass) and keeps them. Later cursors read
/// memory only, in any order (shufflable). This is the one data operation that holds whole columns — its purpose —
/// so use it after featurisation and before an estimator that makes several passes (training epochs).
/// Thread-safe: concurrent first cursors fill each column once.
/// </summary>
internal sealed class CacheDataView : IDataView
{
    private readonly IDataView _input;
    private readonly int[] _prefetch;
    private readonly Array?[] _columns;
    private readonly object _fillLock = new();
    private int _rowCount = -1;

    /// <summary>Creates the view; reads nothing yet.</summary>
    /// <param name="input">The rows to cache.</param>
    /// <param name="prefetch">Indices of columns cached whenever anything is cached.</param>
    public CacheDataView(IDataView input, IEnumerable<int> prefetch)
    {
        _input = input;
        _prefetch = [.. prefetch];
        _columns = new Array?[input.Schema.Count];
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema => _input.Schema;

    /// <summary>The cached row count once a pass was made; until then the input's.</summary>
    /// <returns>The row count or null.</returns>
    public long? GetRowCount() => Volatile.Read(ref _rowCount) is >= 0 and var count ? count : _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToArray();
        Array?[] snapshot;
        int rowCount;
        lock (_fillLock)
        {
            var wanted = needed.Select(c => c.Index).Concat(_prefetch);
            var missing = wanted.Where(i => _columns[i] is null).Distinct().ToArray();
            if (missing.Length > 0 || _rowCount < 0)
            {
                Fill(missing);
            }

            snapshot = [.. _columns];
            rowCount = _rowCount;
        }

        return new InMemoryDataView(Schema, snapshot, rowCount).GetRowCursor(needed, rand);
    }

    private void Fill(int[] indices)
    {
        var columns = indices.Select(i => Schema[i]).ToArray();
        using var cursor = _input.GetRowCursor(columns);
        var stores = columns.Select(c => ColumnStore.Create(c.Type, 1024)).ToArray();
        var loaders = columns.Select((c, k) => stores[k].CreateLoader(cursor, c)).ToArray();
        int rows = 0;
        while (cursor.MoveNext())
        {
            foreach (var load in loaders)
            {
                load(rows);
            }

            rows = checked(rows + 1);
        }

        if (_rowCount >= 0 && rows != _rowCount)
        {
            throw new InvalidOperationException($"The cached input changed between passes: {_rowCount} rows before, {rows} now.");
        }

        for (int k = 0; k < columns.Length; k++)
        {
            _columns[columns[k].Index] = stores[k].ToArray(rows);
        }

        Volatile.Write(ref _rowCount, rows);
    }
}
