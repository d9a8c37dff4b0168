using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

/// <summary>
/// The input of a prediction engine: a view of the one example being predicted. Each <see cref="Offer"/> makes the
/// next example available; a cursor's MoveNext returns true once per offered example and false until the next one,
/// so a row-to-row pipeline's cursors can be kept open and reused for every prediction, while a pipeline that reads
/// ahead sees the end of the data after the example (and the engine then reopens its cursors).
/// </summary>
/// <typeparam name="TSrc">The example class.</typeparam>
internal sealed class ExampleDataView<TSrc> : IDataView
    where TSrc : class
{
    private readonly RowTypeMapping<TSrc> _mapping;
    private TSrc? _example;
    private long _generation;

    /// <summary>Creates the view.</summary>
    /// <param name="mapping">The members read as columns.</param>
    public ExampleDataView(RowTypeMapping<TSrc> mapping)
    {
        _mapping = mapping;
        Schema = mapping.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    /// <summary>Unknown: one row per offered example.</summary>
    /// <returns>Null.</returns>
    public long? GetRowCount() => null;

    /// <summary>Makes <paramref name="example"/> the next row (null: none, releasing the last example).</summary>
    /// <param name="example">The example.</param>
    public void Offer(TSrc? example)
    {
        _example = example;
        if (example is not null)
        {
            _generation++;
        }
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(this, CursorChecks.ActiveFlags(columnsNeeded, Schema.Count));

    private sealed class Cursor(ExampleDataView<TSrc> view, bool[] active)
        : RowObjectCursor<TSrc>(view.Schema, view._mapping, active, "example")
    {
        private long _consumed;

        protected override TSrc? NextRow()
        {
            if (view._example is null || _consumed == view._generation)
            {
                return null;
            }

            _consumed = view._generation;
            return view._example;
        }
    }
}
