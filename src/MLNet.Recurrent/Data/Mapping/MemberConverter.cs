namespace MLNet.Recurrent.Data;

/// <summary>
/// Converts between a member's .NET value and the raw value of its column: identity for numbers and booleans,
/// string ↔ ReadOnlyMemory&lt;char&gt;, arrays ↔ VBuffer (always copied, so neither side can alter the other's storage).
/// </summary>
/// <typeparam name="TMember">The member's type.</typeparam>
/// <typeparam name="TRaw">The column's raw type.</typeparam>
internal abstract class MemberConverter<TMember, TRaw>
{
    /// <summary>Writes <paramref name="member"/> into <paramref name="raw"/> (reusing its storage where possible).</summary>
    /// <param name="member">The member's value.</param>
    /// <param name="raw">The destination.</param>
    /// <returns>The number of items written for vectors (−1 for scalars), so callers can check fixed sizes.</returns>
    public abstract int ToRaw(TMember member, ref TRaw raw);

    /// <summary>Writes <paramref name="raw"/> into <paramref name="member"/> (reusing an array of the right length).</summary>
    /// <param name="raw">The column's value.</param>
    /// <param name="member">The member's current value, replaced.</param>
    public abstract void FromRaw(in TRaw raw, ref TMember member);
}

/// <summary>Creates the converter for a member type and a column raw type.</summary>
internal static class MemberConverter
{
    /// <summary>The converter from <paramref name="memberType"/> to <paramref name="rawType"/> (a MemberConverter&lt;TMember, TRaw&gt;).</summary>
    /// <param name="memberType">The member's type (supported per <see cref="MemberColumnTypes"/>).</param>
    /// <param name="rawType">The column's raw type (compatible per <see cref="MemberColumnTypes.IsCompatible"/>).</param>
    /// <returns>The converter.</returns>
    public static object Create(Type memberType, Type rawType)
    {
        Type converterType;
        if (memberType == typeof(string))
        {
            converterType = typeof(StringConverter);
        }
        else if (memberType == typeof(string[]))
        {
            converterType = typeof(StringArrayConverter);
        }
        else if (memberType.IsArray)
        {
            converterType = typeof(ArrayConverter<>).MakeGenericType(memberType.GetElementType()!);
        }
        else if (memberType != rawType)
        {
            throw new InvalidOperationException($"No conversion from {memberType.Name} to {rawType.Name}.");
        }
        else
        {
            var element = MemberColumnTypes.VectorElementType(memberType);
            converterType = element is null ? typeof(IdentityConverter<>).MakeGenericType(memberType) : typeof(VBufferConverter<>).MakeGenericType(element);
        }

        return Activator.CreateInstance(converterType)!;
    }

    private sealed class IdentityConverter<T> : MemberConverter<T, T>
    {
        public override int ToRaw(T member, ref T raw)
        {
            raw = member;
            return -1;
        }

        public override void FromRaw(in T raw, ref T member) => member = raw;
    }

    private sealed class StringConverter : MemberConverter<string?, ReadOnlyMemory<char>>
    {
        public override int ToRaw(string? member, ref ReadOnlyMemory<char> raw)
        {
            raw = member.AsMemory();
            return -1;
        }

        public override void FromRaw(in ReadOnlyMemory<char> raw, ref string? member) => member = raw.ToString();
    }

    private sealed class ArrayConverter<T> : MemberConverter<T[]?, VBuffer<T>>
    {
        public override int ToRaw(T[]? member, ref VBuffer<T> raw)
        {
            var source = member ?? [];
            var items = VBuffer<T>.GetWritableArray(raw, source.Length);
            source.CopyTo(items, 0);
            raw = new VBuffer<T>(source.Length, items);
            return source.Length;
        }

        public override void FromRaw(in VBuffer<T> raw, ref T[]? member)
        {
            if (member is null || member.Length != raw.Length)
            {
                member = new T[raw.Length];
            }

            raw.GetValues().CopyTo(member);
        }
    }

    private sealed class StringArrayConverter : MemberConverter<string?[]?, VBuffer<ReadOnlyMemory<char>>>
    {
        public override int ToRaw(string?[]? member, ref VBuffer<ReadOnlyMemory<char>> raw)
        {
            var source = member ?? [];
            var items = VBuffer<ReadOnlyMemory<char>>.GetWritableArray(raw, source.Length);
            for (int i = 0; i < source.Length; i++)
            {
                items[i] = source[i].AsMemory();
            }

            raw = new VBuffer<ReadOnlyMemory<char>>(source.Length, items);
            return source.Length;
        }

        public override void FromRaw(in VBuffer<ReadOnlyMemory<char>> raw, ref string?[]? member)
        {
            if (member is null || member.Length != raw.Length)
            {
                member = new string[raw.Length];
            }

            var values = raw.GetValues();
            for (int i = 0; i < values.Length; i++)
            {
                member[i] = values[i].ToString();
            }
        }
    }

    private sealed class VBufferConverter<T> : MemberConverter<VBuffer<T>, VBuffer<T>>
    {
        public override int ToRaw(VBuffer<T> member, ref VBuffer<T> raw)
        {
            VBufferCopier<VBuffer<T>>.Copy!(member, ref raw);
            return member.Length;
        }

        public override void FromRaw(in VBuffer<T> raw, ref VBuffer<T> member) => VBufferCopier<VBuffer<T>>.Copy!(raw, ref member);
    }
}
