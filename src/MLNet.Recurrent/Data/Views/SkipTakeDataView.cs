namespace MLNet.Recurrent.Data;

/// <summary>
/// A lazy view of the rows of its input from position <c>skip</c> on, at most <c>take</c> of them (TakeRows,
/// SkipRows). Rows are skipped by moving the input cursor, so skipping streams too. Positions make no sense in a
/// shuffled order, so the view is not shufflable.
/// </summary>
internal sealed class SkipTakeDataView : IDataView
{
    private readonly IDataView _input;
    private readonly long _skip;
    private readonly long _take;

    /// <summary>Creates the view.</summary>
    /// <param name="input">The rows.</param>
    /// <param name="skip">Rows dropped from the start (≥ 0).</param>
    /// <param name="take">Rows kept after those (≥ 0; long.MaxValue: all).</param>
    public SkipTakeDataView(IDataView input, long skip, long take)
    {
        _input = input;
        _skip = skip;
        _take = take;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _input.Schema;

    /// <summary>min(take, max(0, n − skip)) when the input knows its count n; otherwise null.</summary>
    /// <returns>The row count or null.</returns>
    public long? GetRowCount() => _input.GetRowCount() is { } n ? Math.Min(_take, Math.Max(0, n - _skip)) : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(_input.GetRowCursor(columnsNeeded), _skip, _take);

    private sealed class Cursor(DataViewRowCursor input, long skip, long take) : DelegatingCursor(input, input.Schema)
    {
        private long _skipped;
        private long _taken;

        protected override bool MoveInput()
        {
            for (; _skipped < skip; _skipped++)
            {
                if (!Input.MoveNext())
                {
                    _skipped = skip;
                    _taken = take;
                    return false;
                }
            }

            if (_taken >= take || !Input.MoveNext())
            {
                _taken = take;
                return false;
            }

            _taken++;
            return true;
        }
    }
}
