namespace MLNet.Recurrent.Data;

/// <summary>
/// A lazy, pool-based shuffle of its input (what <c>ShuffleRows</c> returns; ML.NET's RowShufflingTransformer).
/// A cursor fills a pool with the first P rows (P = the pool size), then repeatedly emits a uniformly chosen row
/// of the pool and puts the next input row in its place; once the input is exhausted it drains the pool. Memory
/// is P rows whatever the input size; with P ≥ the row count the order is a uniform permutation. When asked, and
/// when the input can, the input is itself read in a shuffled order first. A cursor opened without a generator
/// draws from the view's seed, so every such cursor visits the same order; one opened with a generator (a
/// trainer's epoch) uses it.
/// </summary>
internal sealed class ShuffleDataView : IDataView
{
    private readonly IDataView _input;
    private readonly int _seed;
    private readonly int _poolSize;
    private readonly bool _shuffleSource;

    /// <summary>Creates the view.</summary>
    /// <param name="input">The rows.</param>
    /// <param name="seed">Seed of cursors opened without a generator.</param>
    /// <param name="poolSize">Rows held (≥ 1).</param>
    /// <param name="shuffleSource">Whether to ask a shufflable input for a shuffled order too.</param>
    public ShuffleDataView(IDataView input, int seed, int poolSize, bool shuffleSource)
    {
        _input = input;
        _seed = seed;
        _poolSize = poolSize;
        _shuffleSource = shuffleSource;
    }

    public bool CanShuffle => true;

    public DataViewSchema Schema => _input.Schema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = CursorChecks.ActiveFlags(columnsNeeded, Schema.Count);
        var random = rand ?? new Random(_seed);
        var sourceRandom = _shuffleSource && _input.CanShuffle ? new Random(random.Next()) : null;
        var input = _input.GetRowCursor(Schema.Where(c => active[c.Index]), sourceRandom);
        return new Cursor(this, input, active, random);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ShuffleDataView _view;
        private readonly DataViewRowCursor _input;
        private readonly bool[] _active;
        private readonly Random _random;
        private readonly ColumnStore?[] _stores;
        private readonly Action<int>[] _loaders;
        private readonly DataViewRowId[] _ids;
        private readonly ValueGetter<DataViewRowId> _inputId;

        // Slots 0 … P hold rows: _pool[0 … _count) lists the slots in the pool; _current is the slot last emitted.
        private readonly int[] _pool;
        private int _count = -1;
        private int _current;
        private bool _inputDone;
        private long _position = -1;

        public Cursor(ShuffleDataView view, DataViewRowCursor input, bool[] active, Random random)
        {
            _view = view;
            _input = input;
            _active = active;
            _random = random;
            int slots = view._poolSize + 1;
            _stores = new ColumnStore?[active.Length];
            var loaders = new List<Action<int>>();
            foreach (var column in view.Schema.Where(c => active[c.Index]))
            {
                var store = ColumnStore.Create(column.Type, slots);
                _stores[column.Index] = store;
                loaders.Add(store.CreateLoader(input, column));
            }

            _loaders = [.. loaders];
            _ids = new DataViewRowId[slots];
            _inputId = input.GetIdGetter();
            _pool = new int[view._poolSize];
            _current = view._poolSize;
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (_count < 0)
            {
                _count = 0;
                while (_count < _pool.Length && TryLoad(_count))
                {
                    _pool[_count] = _count;
                    _count++;
                }
            }

            if (_count == 0)
            {
                return false;
            }

            int chosen = _random.Next(_count);
            int emitted = _pool[chosen];
            if (TryLoad(_current))
            {
                _pool[chosen] = _current;
            }
            else
            {
                _pool[chosen] = _pool[--_count];
            }

            _current = emitted;
            _position++;
            return true;
        }

        private bool TryLoad(int slot)
        {
            if (_inputDone || !_input.MoveNext())
            {
                _inputDone = true;
                return false;
            }

            foreach (var load in _loaders)
            {
                load(slot);
            }

            _inputId(ref _ids[slot]);
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            CursorChecks.CheckActive(_active, column);
            return CursorChecks.Typed<TValue>(_stores[column.Index]!.CreateGetter(() => _current), column);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[_current];

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
            }
        }
    }
}
