namespace MLNet.Recurrent.Data;

/// <summary>
/// The members of <typeparamref name="TRow"/> bound to columns per a <see cref="SchemaDefinition"/> (derived from the
/// class when none is given). Built once per view, prediction engine or enumeration; rows then go through compiled
/// delegates only.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
internal sealed class RowTypeMapping<TRow>
    where TRow : class
{
    private RowTypeMapping(MemberBinding<TRow>[] members) => Members = members;

    /// <summary>The bound members, in the definition's order.</summary>
    public IReadOnlyList<MemberBinding<TRow>> Members { get; }

    /// <summary>Binds the members named by <paramref name="definition"/> (or by <see cref="SchemaDefinition.Create"/>).</summary>
    /// <param name="definition">The mapping, or null to derive it from <typeparamref name="TRow"/>.</param>
    /// <param name="direction">Which accessors the members need.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="SchemaMismatchException">
    /// A member is missing or lacks an accessor, a column type does not suit its member, or two members share a column name.
    /// </exception>
    public static RowTypeMapping<TRow> Create(SchemaDefinition? definition, SchemaDefinition.Direction direction)
    {
        const string paramName = "schemaDefinition";
        definition ??= SchemaDefinition.Create(typeof(TRow), direction);
        var members = SchemaDefinition.MappableMembers(typeof(TRow), direction).ToDictionary(m => m.Member.Name, StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var bindings = new MemberBinding<TRow>[definition.Count];
        for (int i = 0; i < bindings.Length; i++)
        {
            var column = definition[i];
            if (!members.TryGetValue(column.MemberName, out var member))
            {
                throw new SchemaMismatchException(paramName, column.ColumnName,
                    $"a public field or property '{column.MemberName}' of {typeof(TRow).Name} that can be {Verb(direction)}", "missing");
            }

            if (!MemberColumnTypes.IsCompatible(member.Type, column.ColumnType))
            {
                throw new SchemaMismatchException(paramName, column.ColumnName,
                    $"a column type for member '{column.MemberName}' of type {member.Type.Name}", column.ColumnType.ToString() ?? "?");
            }

            if (!names.Add(column.ColumnName))
            {
                throw new SchemaMismatchException(paramName, column.ColumnName, "one member per column name", $"a second member '{column.MemberName}'");
            }

            bindings[i] = MemberBinding<TRow>.Create(member.Member, member.Type, column, direction);
        }

        return new RowTypeMapping<TRow>(bindings);
    }

    /// <summary>The schema of a view whose rows are <typeparamref name="TRow"/> objects: one column per member.</summary>
    /// <returns>The schema.</returns>
    public DataViewSchema ToSchema()
    {
        var builder = new DataViewSchema.Builder();
        foreach (var member in Members)
        {
            builder.AddColumn(member.ColumnName, member.ColumnType, member.Annotations);
        }

        return builder.ToSchema();
    }

    /// <summary>
    /// The definition <see cref="SchemaDefinition.Create"/> gives for <typeparamref name="TRow"/>, with the type and
    /// annotations of every column <paramref name="schema"/> also has (ML.NET's overloads taking a DataViewSchema).
    /// </summary>
    /// <param name="schema">The schema whose column types win.</param>
    /// <param name="direction">Which accessors the members need.</param>
    /// <returns>The definition.</returns>
    public static SchemaDefinition DefinitionFromSchema(DataViewSchema schema, SchemaDefinition.Direction direction)
    {
        var definition = SchemaDefinition.Create(typeof(TRow), direction);
        foreach (var column in definition)
        {
            if (schema.GetColumnOrNull(column.ColumnName) is { } match)
            {
                column.ColumnType = match.Type;
                column.Annotations = match.Annotations;
            }
        }

        return definition;
    }

    private static string Verb(SchemaDefinition.Direction direction) => direction switch
    {
        SchemaDefinition.Direction.Read => "read",
        SchemaDefinition.Direction.Write => "written",
        _ => "read and written",
    };
}
