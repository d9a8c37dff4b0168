using System.Reflection;

namespace MLNet.Recurrent.Data;

/// <summary>
/// The text-loader columns of a row class (what <c>LoadFromTextFile&lt;T&gt;</c> and <c>CreateTextLoader&lt;T&gt;</c> use):
/// every mapped member (public field or readable property, not [NoColumn]) needs a [LoadColumn]; its name is the
/// member's or its [ColumnName]; its kind follows the member's type (uint with [KeyType] → key column); array and
/// VBuffer members are vectors of the fields named.
/// </summary>
internal static class TextLoaderColumnInference
{
    /// <summary>The columns for <paramref name="rowType"/>.</summary>
    /// <param name="rowType">The row class.</param>
    /// <returns>One column per member.</returns>
    /// <exception cref="SchemaMismatchException">A member lacks [LoadColumn], has an unsupported type, reads several fields into a scalar, or has a [VectorType] size that differs from its field count.</exception>
    public static TextLoader.Column[] FromType(Type rowType)
    {
        const string paramName = "TInput";
        var columns = new List<TextLoader.Column>();
        foreach (var (member, memberType) in SchemaDefinition.MappableMembers(rowType, SchemaDefinition.Direction.Read))
        {
            string name = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
            var load = member.GetCustomAttribute<LoadColumnAttribute>()
                ?? throw new SchemaMismatchException(paramName, name, $"a [LoadColumn] (or [NoColumn]) on {rowType.Name}.{member.Name}", "none");
            var type = MemberColumnTypes.Infer(member, memberType, paramName, name);
            var itemType = type is VectorDataViewType vector ? vector.ItemType : type;
            if (type is VectorDataViewType { IsKnownSize: true } sized && sized.Size != load.Sources.Count)
            {
                throw new SchemaMismatchException(paramName, name, $"[LoadColumn] fields matching [VectorType] ({sized.Size} items)", $"{load.Sources.Count} fields");
            }

            if (type is not VectorDataViewType && load.Sources.Count != 1)
            {
                throw new SchemaMismatchException(paramName, name, $"one field for scalar member {member.Name} (use an array member for a vector)", $"{load.Sources.Count} fields");
            }

            var ranges = load.Sources.Select(i => new TextLoader.Range(i) { ForceVector = type is VectorDataViewType }).ToArray();
            var keyCount = itemType is KeyDataViewType key ? new KeyCount(key.Count) : null;
            columns.Add(new TextLoader.Column(name, KindOf(itemType), ranges, keyCount));
        }

        return [.. columns];
    }

    private static DataKind KindOf(DataViewType itemType) => itemType switch
    {
        KeyDataViewType => DataKind.UInt32,
        TextDataViewType => DataKind.String,
        BooleanDataViewType => DataKind.Boolean,
        _ when itemType == NumberDataViewType.Single => DataKind.Single,
        _ when itemType == NumberDataViewType.Double => DataKind.Double,
        _ when itemType == NumberDataViewType.Int32 => DataKind.Int32,
        _ when itemType == NumberDataViewType.Int64 => DataKind.Int64,
        _ => DataKind.UInt32,
    };
}
