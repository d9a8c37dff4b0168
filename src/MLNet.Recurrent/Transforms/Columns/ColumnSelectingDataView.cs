namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The lazy result of <see cref="ColumnSelectingTransformer"/>: some of the input's columns, possibly reordered;
/// each output column reads the input column it maps to. Rows, order and shuffling are the input's.
/// </summary>
internal sealed class ColumnSelectingDataView : IDataView
{
    private readonly IDataView _input;
    private readonly int[] _inputIndices;

    /// <summary>Creates the view.</summary>
    /// <param name="input">The input.</param>
    /// <param name="inputIndices">For each output column, the index of the input column it shows.</param>
    public ColumnSelectingDataView(IDataView input, int[] inputIndices)
    {
        _input = input;
        _inputIndices = inputIndices;
        Schema = SelectSchema(input.Schema, inputIndices);
    }

    /// <summary>The schema of the columns of <paramref name="schema"/> at <paramref name="indices"/>, in that order.</summary>
    /// <param name="schema">The input schema.</param>
    /// <param name="indices">Column indices into it.</param>
    /// <returns>The selected schema (hidden flags follow from repeated names).</returns>
    public static DataViewSchema SelectSchema(DataViewSchema schema, int[] indices)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(indices.Select(index => schema[index]));
        return builder.ToSchema();
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.Select(column => column.Index).ToArray();
        var input = _input.GetRowCursor(needed.Select(i => _input.Schema[_inputIndices[i]]).Distinct(), rand);
        var active = new bool[Schema.Count];
        foreach (int index in needed)
        {
            active[index] = true;
        }

        return new Cursor(this, input, active);
    }

    private sealed class Cursor(ColumnSelectingDataView view, DataViewRowCursor input, bool[] active) : DataViewRowCursor
    {
        public override long Position => input.Position;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override bool MoveNext() => input.MoveNext();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            }

            return input.GetGetter<TValue>(input.Schema[view._inputIndices[column.Index]]);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
            }
        }
    }
}
