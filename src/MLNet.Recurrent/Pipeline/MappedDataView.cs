namespace MLNet.Recurrent.Data;

/// <summary>The lazy result of a <see cref="RowToRowTransformerBase"/>: input columns pass through, outputs are computed per row.</summary>
internal sealed class MappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly RowToRowTransformerBase _transformer;
    private readonly int _inputCount;

    public MappedDataView(IDataView input, RowToRowTransformerBase transformer)
    {
        _input = input;
        _transformer = transformer;
        _inputCount = input.Schema.Count;
        Schema = transformer.GetOutputSchema(input.Schema);
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        var inputNeeded = new HashSet<int>();
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
            if (column.Index < _inputCount)
            {
                inputNeeded.Add(column.Index);
            }
            else
            {
                foreach (var dependency in _transformer.GetDependencies(_input.Schema, column.Index - _inputCount))
                {
                    inputNeeded.Add(dependency.Index);
                }
            }
        }

        var inputCursor = _input.GetRowCursor(inputNeeded.Select(i => _input.Schema[i]), rand);
        var getters = _transformer.CreateGetters(inputCursor, i => active[_inputCount + i]);
        return new Cursor(this, inputCursor, active, getters);
    }

    private sealed class Cursor(MappedDataView view, DataViewRowCursor input, bool[] active, Delegate?[] outputGetters)
        : DataViewRowCursor
    {
        public override long Position => input.Position;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            }

            if (column.Index < view._inputCount)
            {
                return input.GetGetter<TValue>(input.Schema[column.Index]);
            }

            var getter = outputGetters[column.Index - view._inputCount];
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool MoveNext() => input.MoveNext();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
            }
        }
    }
}
