namespace MLNet.Recurrent.Data;

/// <summary>
/// A lazy view that keeps the rows of its input for which a predicate holds (row filters: train/test splits,
/// FilterRowsByColumn, FilterRowsByMissingValues). The predicate is built once per cursor from the input row and
/// reads the columns it names; each cursor streams, holding one row.
/// </summary>
internal sealed class FilterDataView : IDataView
{
    private readonly IDataView _input;
    private readonly DataViewSchema.Column[] _columnsRead;
    private readonly Func<DataViewRow, Func<bool>> _createPredicate;

    /// <summary>Creates the view.</summary>
    /// <param name="input">The rows to filter.</param>
    /// <param name="columnsRead">Input columns the predicate reads (activated in every cursor).</param>
    /// <param name="createPredicate">Builds, for a cursor, the test of its current row.</param>
    public FilterDataView(IDataView input, IEnumerable<DataViewSchema.Column> columnsRead, Func<DataViewRow, Func<bool>> createPredicate)
    {
        _input = input;
        _columnsRead = [.. columnsRead];
        _createPredicate = createPredicate;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _input.Schema;

    /// <summary>Unknown without a pass.</summary>
    /// <returns>Null.</returns>
    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var input = _input.GetRowCursor(columnsNeeded.Concat(_columnsRead).DistinctBy(c => c.Index), rand);
        return new Cursor(input, _createPredicate(input));
    }

    private sealed class Cursor(DataViewRowCursor input, Func<bool> keep) : DelegatingCursor(input, input.Schema)
    {
        protected override bool MoveInput()
        {
            while (Input.MoveNext())
            {
                if (keep())
                {
                    return true;
                }
            }

            return false;
        }
    }
}
