namespace MLNet.Recurrent.Data;

/// <summary>
/// A cursor that shows the rows of an input cursor unchanged, possibly fewer of them: getters, ids and active
/// columns come from the input; subclasses decide which input rows to stop on in <see cref="MoveNext"/>.
/// </summary>
/// <param name="input">The input cursor (disposed with this one).</param>
/// <param name="schema">The schema shown (the input's).</param>
internal abstract class DelegatingCursor(DataViewRowCursor input, DataViewSchema schema) : DataViewRowCursor
{
    private long _position = -1;

    /// <summary>The input cursor.</summary>
    protected DataViewRowCursor Input { get; } = input;

    public sealed override long Position => _position;

    public sealed override DataViewSchema Schema => schema;

    public sealed override bool IsColumnActive(DataViewSchema.Column column) => Input.IsColumnActive(column);

    public sealed override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => Input.GetGetter<TValue>(column);

    public sealed override ValueGetter<DataViewRowId> GetIdGetter() => Input.GetIdGetter();

    public sealed override bool MoveNext()
    {
        if (!MoveInput())
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Moves <see cref="Input"/> to the next row this cursor shows.</summary>
    /// <returns>False when there is none.</returns>
    protected abstract bool MoveInput();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Input.Dispose();
        }
    }
}
