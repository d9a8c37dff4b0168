namespace MLNet.Recurrent.Tests.Evaluation;

/// <summary>Wraps a view and records the cursors opened and the columns they were asked for.</summary>
internal sealed class RecordingDataView(IDataView inner) : IDataView
{
    public int CursorsOpened { get; private set; }

    public List<string> ColumnsRequested { get; } = [];

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var columns = columnsNeeded.ToList();
        CursorsOpened++;
        ColumnsRequested.AddRange(columns.Select(c => c.Name));
        return inner.GetRowCursor(columns, rand);
    }
}
