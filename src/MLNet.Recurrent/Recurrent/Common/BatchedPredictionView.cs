using MLNet.Recurrent.Data;
namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The lazy result of a <see cref="RecurrentTransformer"/>: the input's columns followed by the prediction columns.
/// A cursor that reads a prediction column reads the input ahead in blocks of up to
/// <see cref="RecurrentTransformer.PredictionBatchSize"/> rows, predicts each block in one batched forward pass, and
/// serves the block row by row (buffering the requested input columns). Cursors that read no prediction column pass
/// the input through without running the network. Memory holds one block, whatever the number of rows.
/// </summary>
internal sealed class BatchedPredictionView : IDataView
{
    private readonly IDataView _input;
    private readonly RecurrentTransformer _transformer;
    private readonly int _inputCount;

    public BatchedPredictionView(IDataView input, RecurrentTransformer transformer)
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
        var active = CursorChecks.ActiveFlags(columnsNeeded, Schema.Count);

        var passThrough = Enumerable.Range(0, _inputCount).Where(i => active[i]).Select(i => _input.Schema[i]).ToList();
        bool predicts = active.Skip(_inputCount).Any(a => a);
        if (!predicts)
        {
            return new PassThroughCursor(this, _input.GetRowCursor(passThrough, rand), active);
        }

        var features = _transformer.CheckFeatures("input", _input.Schema);
        var inputCursor = _input.GetRowCursor(passThrough.Append(features).Distinct(), rand);
        return new PredictingCursor(this, inputCursor, features, passThrough, active);
    }

    private InvalidOperationException NotActive(DataViewSchema.Column column)
        => new($"Column '{column.Name}' was not requested when the cursor was opened.");

    /// <summary>Serves the input's columns only.</summary>
    private sealed class PassThroughCursor(BatchedPredictionView view, DataViewRowCursor input, bool[] active) : DataViewRowCursor
    {
        public override long Position => input.Position;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            => active[column.Index] ? input.GetGetter<TValue>(input.Schema[column.Index]) : throw view.NotActive(column);

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

    /// <summary>Reads blocks ahead, predicts them, and serves them row by row.</summary>
    private sealed class PredictingCursor : DataViewRowCursor
    {
        private readonly BatchedPredictionView _view;
        private readonly DataViewRowCursor _input;
        private readonly bool[] _active;
        private readonly Dictionary<int, ColumnBuffer> _buffers;
        private readonly ValueGetter<DataViewRowId> _idGetter;
        private readonly DataViewRowId[] _ids;
        private readonly Func<FeatureSequence> _readFeatures;
        private readonly FeatureSequence[] _features;
        private readonly BlockPredictor _predictor;
        private readonly Delegate?[] _outputGetters;
        private int _slot = -1;
        private int _filled;
        private long _position = -1;
        private bool _exhausted;

        public PredictingCursor(BatchedPredictionView view, DataViewRowCursor input, DataViewSchema.Column features,
            IReadOnlyList<DataViewSchema.Column> passThrough, bool[] active)
        {
            _view = view;
            _input = input;
            _active = active;
            int capacity = view._transformer.PredictionBatchSize;
            _buffers = passThrough.ToDictionary(c => c.Index, c => ColumnBuffer.Create(input, c, capacity));
            _idGetter = input.GetIdGetter();
            _ids = new DataViewRowId[capacity];
            _readFeatures = view._transformer.Input.CreateReader(input, features);
            _features = new FeatureSequence[capacity];
            _predictor = view._transformer.CreateBlockPredictor();
            _outputGetters = _predictor.CreateGetters(() => _slot, i => active[view._inputCount + i]);
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (_slot + 1 >= _filled && !ReadBlock())
            {
                return false;
            }

            _slot++;
            _position++;
            return true;
        }

        /// <summary>Reads and predicts the next block; false when the input is exhausted.</summary>
        private bool ReadBlock()
        {
            _filled = 0;
            _slot = -1;
            while (!_exhausted && _filled < _features.Length)
            {
                if (!_input.MoveNext())
                {
                    _exhausted = true;
                    break;
                }

                foreach (var buffer in _buffers.Values)
                {
                    buffer.Capture(_filled);
                }

                _idGetter(ref _ids[_filled]);
                _features[_filled] = _readFeatures();
                _filled++;
            }

            if (_filled == 0)
            {
                return false;
            }

            _predictor.Predict(new ArraySegment<FeatureSequence>(_features, 0, _filled));
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
            {
                throw _view.NotActive(column);
            }

            var getter = column.Index < _view._inputCount
                ? _buffers[column.Index].CreateGetter(() => _slot)
                : _outputGetters[column.Index - _view._inputCount];
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[_slot];

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
            }
        }
    }
}
