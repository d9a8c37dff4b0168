namespace MLNet.Recurrent.Data;

/// <summary>
/// A cursor over row objects: its columns are the members of a <see cref="RowTypeMapping{TRow}"/>, read from the
/// current object through compiled getters; subclasses supply the objects one by one. Row ids are positions.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
/// <param name="schema">The view's schema (one column per mapped member).</param>
/// <param name="mapping">The members.</param>
/// <param name="active">Active flags by column index.</param>
/// <param name="paramName">The argument named when a fixed-size vector member has the wrong length.</param>
internal abstract class RowObjectCursor<TRow>(DataViewSchema schema, RowTypeMapping<TRow> mapping, bool[] active, string paramName) : DataViewRowCursor
    where TRow : class
{
    private readonly RowHolder<TRow> _holder = new();

    public sealed override long Position => _holder.Position;

    public sealed override DataViewSchema Schema => schema;

    public sealed override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

    public sealed override bool MoveNext()
    {
        _holder.Current = NextRow();
        if (_holder.Current is null)
        {
            return false;
        }

        _holder.Position++;
        return true;
    }

    /// <summary>The next object, or null when there is none.</summary>
    /// <returns>The object or null.</returns>
    protected abstract TRow? NextRow();

    public sealed override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        CursorChecks.CheckActive(active, column);
        return CursorChecks.Typed<TValue>(mapping.Members[column.Index].CreateGetter(_holder, paramName), column);
    }

    public sealed override ValueGetter<DataViewRowId> GetIdGetter()
        => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_holder.Position, 0);
}
