using System.Reflection;

namespace MLNet.Recurrent.Data;

/// <summary>
/// How the members of a row class map to columns (ML.NET's SchemaDefinition): one <see cref="Column"/> per mapped
/// field or property, with the column's name and type. <see cref="Create"/> derives it from the class and its
/// attributes; edit the result to change a name or type at run time (for example to give a float[] member a fixed
/// size known only then), and pass it to <c>LoadFromEnumerable</c>, <c>CreateEnumerable</c> or
/// <c>CreatePredictionEngine</c>.
/// </summary>
public sealed class SchemaDefinition : List<SchemaDefinition.Column>
{
    /// <summary>Which accessors a mapping needs.</summary>
    [Flags]
    public enum Direction
    {
        /// <summary>Members are read from objects (objects → view: <c>LoadFromEnumerable</c>, prediction inputs); fields and readable properties.</summary>
        Read = 1,

        /// <summary>Members are written into objects (view → objects: <c>CreateEnumerable</c>, predictions); non-readonly fields and writable properties.</summary>
        Write = 2,

        /// <summary>Both: members with both accessors.</summary>
        Both = Read | Write,
    }

    /// <summary>
    /// The mapping of <paramref name="userType"/>: its public instance fields and properties (not indexers, not those
    /// marked [NoColumn], and only those with the accessors <paramref name="direction"/> needs): fields first, then
    /// properties, each in declaration order.
    /// The column name is the member's name or its [ColumnName]; the type follows the member's .NET type, [KeyType]
    /// and [VectorType].
    /// </summary>
    /// <param name="userType">The row class.</param>
    /// <param name="direction">Which accessors members need (default <see cref="Direction.Both"/>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="SchemaMismatchException">A mapped member's type is not supported (mark it [NoColumn]).</exception>
    public static SchemaDefinition Create(Type userType, Direction direction = Direction.Both)
    {
        ArgumentNullException.ThrowIfNull(userType);
        var definition = new SchemaDefinition();
        foreach (var (member, memberType) in MappableMembers(userType, direction))
        {
            string columnName = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            var columnType = MemberColumnTypes.Infer(member, memberType, nameof(userType), columnName);
            definition.Add(new Column(member.Name, columnType, columnName));
        }

        return definition;
    }

    /// <summary>The column named <paramref name="columnName"/>.</summary>
    /// <param name="columnName">A column name.</param>
    /// <exception cref="ArgumentOutOfRangeException">No column has that name; the message lists those there are.</exception>
    public Column this[string columnName]
        => this.FirstOrDefault(c => c.ColumnName == columnName) ?? throw new ArgumentOutOfRangeException(nameof(columnName), columnName,
            $"{nameof(columnName)}: no column '{columnName}'; the definition has: {string.Join(", ", this.Select(c => c.ColumnName))}.");

    /// <summary>The public instance fields and properties a mapping in <paramref name="direction"/> may use.</summary>
    /// <param name="userType">The row class.</param>
    /// <param name="direction">Accessors needed.</param>
    /// <returns>Members with their types: fields, then properties, each in declaration order.</returns>
    internal static IEnumerable<(MemberInfo Member, Type Type)> MappableMembers(Type userType, Direction direction)
    {
        foreach (var member in userType.GetMembers(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.MetadataToken))
        {
            if (member.GetCustomAttribute<NoColumnAttribute>() is not null)
            {
                continue;
            }

            if (member is FieldInfo field && (!direction.HasFlag(Direction.Write) || !field.IsInitOnly))
            {
                yield return (field, field.FieldType);
            }
            else if (member is PropertyInfo property && property.GetIndexParameters().Length == 0
                && (!direction.HasFlag(Direction.Read) || property.GetMethod?.IsPublic == true)
                && (!direction.HasFlag(Direction.Write) || property.SetMethod?.IsPublic == true))
            {
                yield return (property, property.PropertyType);
            }
        }
    }

    /// <summary>One mapped member (ML.NET's SchemaDefinition.Column).</summary>
    public sealed class Column
    {
        /// <summary>Maps member <paramref name="memberName"/> to a column.</summary>
        /// <param name="memberName">The field or property name.</param>
        /// <param name="columnType">The column type (its raw type must suit the member's .NET type; checked when used).</param>
        /// <param name="columnName">The column name (default: <paramref name="memberName"/>).</param>
        /// <exception cref="ArgumentException"><paramref name="memberName"/> is null or empty.</exception>
        public Column(string memberName, DataViewType columnType, string? columnName = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(memberName);
            ArgumentNullException.ThrowIfNull(columnType);
            MemberName = memberName;
            ColumnType = columnType;
            ColumnName = string.IsNullOrEmpty(columnName) ? memberName : columnName;
        }

        /// <summary>The field or property name.</summary>
        public string MemberName { get; }

        /// <summary>The column name.</summary>
        public string ColumnName { get; set; }

        /// <summary>The column type.</summary>
        public DataViewType ColumnType { get; set; }

        /// <summary>Annotations given to the column (e.g. <see cref="Annotations.ForKeyValues"/> for a key column), or null.</summary>
        public Annotations? Annotations { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{MemberName} → {ColumnName} ({ColumnType})";
    }
}
