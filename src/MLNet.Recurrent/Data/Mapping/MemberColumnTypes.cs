using System.Reflection;

namespace MLNet.Recurrent.Data;

/// <summary>
/// Which column type a member of a row class maps to, and which raw (getter) type carries it. Supported members:
/// float, double, int, long, uint, bool, string and ReadOnlyMemory&lt;char&gt; (scalars), arrays of those (string[] but
/// not ReadOnlyMemory&lt;char&gt;[]) and VBuffer&lt;T&gt; of the raw item types (vectors).
/// </summary>
internal static class MemberColumnTypes
{
    /// <summary>How supported member types are described in errors.</summary>
    public const string Supported =
        "float, double, int, long, uint, bool, string, ReadOnlyMemory<char>, arrays of these (except ReadOnlyMemory<char>[]) or VBuffer<T>";

    /// <summary>The item type of a scalar member type, or null when it is not one.</summary>
    /// <param name="memberType">A scalar member type.</param>
    /// <returns>The column item type or null.</returns>
    public static PrimitiveDataViewType? ScalarType(Type memberType)
        => memberType == typeof(bool) ? BooleanDataViewType.Instance
        : memberType == typeof(string) || memberType == typeof(ReadOnlyMemory<char>) ? TextDataViewType.Instance
        : NumberDataViewType.FromRawType(memberType);

    /// <summary>The element type of a vector member (T of T[] or VBuffer&lt;T&gt;), or null for scalars.</summary>
    /// <param name="memberType">A member type.</param>
    /// <returns>The element type or null.</returns>
    public static Type? VectorElementType(Type memberType)
        => memberType.IsArray && memberType.GetArrayRank() == 1 ? memberType.GetElementType()
        : memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(VBuffer<>) ? memberType.GetGenericArguments()[0]
        : null;

    /// <summary>The column type a member maps to by default, from its .NET type and its [KeyType]/[VectorType] attributes.</summary>
    /// <param name="member">The field or property.</param>
    /// <param name="memberType">Its type.</param>
    /// <param name="paramName">The argument named in errors.</param>
    /// <param name="columnName">The column named in errors.</param>
    /// <returns>The column type.</returns>
    /// <exception cref="SchemaMismatchException">The member type is not supported, or [KeyType] is on a non-uint member.</exception>
    public static DataViewType Infer(MemberInfo member, Type memberType, string paramName, string columnName)
    {
        var elementType = VectorElementType(memberType);
        var itemType = ScalarType(elementType ?? memberType);
        if (itemType is null || (memberType.IsArray && elementType == typeof(ReadOnlyMemory<char>)))
        {
            throw new SchemaMismatchException(paramName, columnName, $"a member of type {Supported}", $"{memberType.Name} ({member.DeclaringType?.Name}.{member.Name})");
        }

        if (memberType.IsGenericType && elementType == typeof(string))
        {
            throw new SchemaMismatchException(paramName, columnName, "VBuffer<ReadOnlyMemory<char>> (not VBuffer<string>)", memberType.Name);
        }

        if (member.GetCustomAttribute<KeyTypeAttribute>() is { } key)
        {
            if (itemType != NumberDataViewType.UInt32)
            {
                throw new SchemaMismatchException(paramName, columnName, "a uint or uint[] member for [KeyType]", memberType.Name);
            }

            itemType = new KeyDataViewType(typeof(uint), key.Count);
        }

        if (elementType is null)
        {
            return itemType;
        }

        var dimensions = member.GetCustomAttribute<VectorTypeAttribute>()?.Dimensions ?? [];
        return new VectorDataViewType(itemType, [.. dimensions]);
    }

    /// <summary>Whether a column of <paramref name="columnType"/> can be read into or written from <paramref name="memberType"/>.</summary>
    /// <param name="memberType">The member's .NET type.</param>
    /// <param name="columnType">A column type.</param>
    /// <returns>Whether the raw types agree (scalar member ↔ scalar column of that raw type, vector member ↔ vector of that item raw type).</returns>
    public static bool IsCompatible(Type memberType, DataViewType columnType)
    {
        var elementType = VectorElementType(memberType);
        if (elementType is null)
        {
            return columnType is PrimitiveDataViewType && columnType.RawType == ItemRawType(memberType);
        }

        return columnType is VectorDataViewType vector && vector.ItemType.RawType == ItemRawType(elementType);
    }

    private static Type ItemRawType(Type scalarMemberType)
        => scalarMemberType == typeof(string) ? typeof(ReadOnlyMemory<char>) : scalarMemberType;
}
