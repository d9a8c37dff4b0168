namespace MLNet.Recurrent.Data;

/// <summary>
/// Writes the columns of a view's rows into <typeparamref name="TRow"/> objects: the members of a
/// <see cref="RowTypeMapping{TRow}"/> matched by name to the visible columns of a schema, with their types checked
/// once, when the writer is built.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
internal sealed class RowObjectWriter<TRow>
    where TRow : class
{
    private readonly (MemberBinding<TRow> Member, DataViewSchema.Column Column)[] _bound;

    /// <summary>Matches the members of <paramref name="mapping"/> to the columns of <paramref name="schema"/>.</summary>
    /// <param name="mapping">The members (mapped for writing).</param>
    /// <param name="schema">The schema of the rows to read.</param>
    /// <param name="ignoreMissingColumns">Whether members without a column are skipped (left as they are) instead of an error.</param>
    /// <param name="paramName">The argument that carried the schema (named in errors).</param>
    /// <exception cref="SchemaMismatchException">A member's column is missing (and not ignored), or its type does not suit the member.</exception>
    public RowObjectWriter(RowTypeMapping<TRow> mapping, DataViewSchema schema, bool ignoreMissingColumns, string paramName)
    {
        var bound = new List<(MemberBinding<TRow>, DataViewSchema.Column)>();
        foreach (var member in mapping.Members)
        {
            if (!schema.TryGetColumn(member.ColumnName, out var column))
            {
                if (ignoreMissingColumns)
                {
                    continue;
                }

                throw new SchemaMismatchException(paramName, member.ColumnName, Describe(member), "missing");
            }

            bool sizesAgree = member.ColumnType is not VectorDataViewType { IsKnownSize: true } declared
                || column.Type is not VectorDataViewType { IsKnownSize: true } actual
                || declared.Size == actual.Size;
            if (!MemberColumnTypes.IsCompatible(member.MemberType, column.Type) || !sizesAgree)
            {
                throw new SchemaMismatchException(paramName, member.ColumnName, Describe(member), column.Type.ToString() ?? "?");
            }

            bound.Add((member, column));
        }

        _bound = [.. bound];
    }

    /// <summary>The columns read (to activate in a cursor).</summary>
    public IEnumerable<DataViewSchema.Column> Columns => _bound.Select(b => b.Column);

    /// <summary>An action that fills an object from <paramref name="row"/>'s current values.</summary>
    /// <param name="row">A row or cursor with <see cref="Columns"/> active.</param>
    /// <returns>The filler.</returns>
    public Action<TRow> CreateFiller(DataViewRow row)
    {
        var writers = _bound.Select(b => b.Member.CreateWriter(row, b.Column)).ToArray();
        return target =>
        {
            foreach (var writer in writers)
            {
                writer(target);
            }
        };
    }

    private static string Describe(MemberBinding<TRow> member)
        => $"{member.ColumnType} (for member '{member.MemberName}' of {typeof(TRow).Name})";
}
