namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// A lazy view of the rows of one cross-validation fold (the hold-out set) or of all the other folds (the training
/// set): a filter over the source cursor, so nothing is copied. Its row count is unknown without a pass, so
/// <see cref="GetRowCount"/> returns null.
/// </summary>
internal sealed class CrossValidationFoldView : IDataView
{
    private readonly IDataView _source;
    private readonly CrossValidationFoldAssigner _assigner;
    private readonly int _fold;
    private readonly bool _holdOut;

    /// <summary>Creates the view.</summary>
    /// <param name="source">The data being split.</param>
    /// <param name="assigner">The fold of each row.</param>
    /// <param name="fold">The fold, 0 … k − 1.</param>
    /// <param name="holdOut">True: the rows of <paramref name="fold"/>; false: every other row.</param>
    public CrossValidationFoldView(IDataView source, CrossValidationFoldAssigner assigner, int fold, bool holdOut)
    {
        _source = source;
        _assigner = assigner;
        _fold = fold;
        _holdOut = holdOut;
    }

    /// <inheritdoc/>
    public bool CanShuffle => _source.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => _source.Schema;

    /// <inheritdoc/>
    public long? GetRowCount() => null;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var needed = columnsNeeded.ToList();
        if (_assigner.KeyColumn is { } key && !needed.Any(c => c.Index == key.Index))
        {
            needed.Add(key);
        }

        var input = _source.GetRowCursor(needed, rand);
        return new Cursor(input, _assigner.CreateFoldGetter(input), _fold, _holdOut);
    }

    private sealed class Cursor(DataViewRowCursor input, Func<int> foldOfRow, int fold, bool holdOut) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override DataViewSchema Schema => input.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => input.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => input.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool MoveNext()
        {
            while (input.MoveNext())
            {
                if ((foldOfRow() == fold) == holdOut)
                {
                    _position++;
                    return true;
                }
            }

            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
            }
        }
    }
}
