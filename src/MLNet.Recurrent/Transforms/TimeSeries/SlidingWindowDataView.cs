using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The lazy output of <see cref="SlidingWindowTransformer"/>: one row per window. A cursor reads the input once, in
/// order, into a ring buffer of the last W + H rows (features and target), so memory is (W + H) · (F + 1) floats.
/// </summary>
internal sealed class SlidingWindowDataView : IDataView
{
    private readonly IDataView _input;
    private readonly SlidingWindowTransformer _transformer;
    private readonly DataViewSchema.Column _target;
    private readonly DataViewSchema.Column[] _features;
    private readonly int _featureCount;

    public SlidingWindowDataView(IDataView input, SlidingWindowTransformer transformer, DataViewSchema schema,
        DataViewSchema.Column target, DataViewSchema.Column[] features, int featureCount)
    {
        _input = input;
        _transformer = transformer;
        Schema = schema;
        _target = target;
        _features = features;
        _featureCount = featureCount;
    }

    /// <summary>False: windows come in series order (rows of a series are only meaningful in order).</summary>
    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _input.GetRowCount() is { } rows ? _transformer.GetExampleCount(rows) : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = CursorChecks.ActiveFlags(columnsNeeded, Schema.Count);

        var inputColumns = (active[0] ? _features : []).Concat(active[1] ? [_target] : []).Distinct();
        return new Cursor(this, _input.GetRowCursor(inputColumns), active);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SlidingWindowDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly bool[] _active;
        private readonly int _capacity;
        private readonly float[] _features;
        private readonly float[] _targets;
        private readonly ItemsGetter<float>[] _featureGetters;
        private readonly ValueGetter<float>? _targetGetter;
        private long _position = -1;
        private long _rowsRead;

        public Cursor(SlidingWindowDataView view, DataViewRowCursor input, bool[] active)
        {
            _view = view;
            _input = input;
            _active = active;
            var transformer = view._transformer;
            _capacity = transformer.WindowSize + transformer.Horizon;
            _features = active[0] ? new float[_capacity * view._featureCount] : [];
            _targets = active[1] ? new float[_capacity] : [];
            _featureGetters = active[0] ? view._features.Select(c => ColumnItems.Create<float>(input, c)).ToArray() : [];
            _targetGetter = active[1] ? input.GetGetter<float>(view._target) : null;
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            var transformer = _view._transformer;
            long end = ((_position + 1) * transformer.Stride) + _capacity;
            while (_rowsRead < end)
            {
                if (!_input.MoveNext())
                {
                    return false;
                }

                ReadRow((int)(_rowsRead % _capacity));
                _rowsRead++;
            }

            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
            }

            var transformer = _view._transformer;
            ValueGetter<VBuffer<float>> getter = column.Index == 0
                ? (ref VBuffer<float> value) => CopySteps(_features, _view._featureCount, 0, transformer.WindowSize, ref value)
                : (ref VBuffer<float> value) => CopySteps(_targets, 1, transformer.WindowSize, transformer.Horizon, ref value);
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds VBuffer<Single>, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
            }
        }

        private void ReadRow(int slot)
        {
            int offset = slot * _view._featureCount;
            for (int i = 0; i < _featureGetters.Length; i++)
            {
                var items = _featureGetters[i]();
                items.CopyTo(_features.AsSpan(offset));
                offset += items.Length;
            }

            if (_targetGetter is not null)
            {
                _targetGetter(ref _targets[slot]);
            }
        }

        /// <summary>Copies <paramref name="steps"/> steps of <paramref name="width"/> floats, starting <paramref name="first"/> steps into the current window, out of the ring.</summary>
        private void CopySteps(float[] ring, int width, int first, int steps, ref VBuffer<float> value)
        {
            if (_position < 0)
            {
                throw new InvalidOperationException("The cursor is not on a row; call MoveNext first.");
            }

            var array = VBuffer<float>.GetWritableArray(value, steps * width);
            long start = (_position * _view._transformer.Stride) + first;
            for (int t = 0; t < steps; t++)
            {
                int slot = (int)((start + t) % _capacity);
                ring.AsSpan(slot * width, width).CopyTo(array.AsSpan(t * width));
            }

            value = new VBuffer<float>(steps * width, array);
        }
    }
}
