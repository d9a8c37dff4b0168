namespace MLNet.Recurrent.Data;

/// <summary>
/// Hashes that do not change between runs, processes or machines (unlike string.GetHashCode): row ids and column
/// values hashed with a seed, for deterministic train/test splits and cross-validation folds. Mixing uses the
/// SplitMix64 finaliser; a hash h becomes a fraction in [0, 1) as ⌊h / 2¹¹⌋ · 2⁻⁵³.
/// </summary>
internal static class StableHash
{
    /// <summary>Combines <paramref name="hash"/> with <paramref name="value"/>.</summary>
    /// <param name="hash">The hash so far (start from the seed).</param>
    /// <param name="value">The next value.</param>
    /// <returns>The new hash.</returns>
    public static ulong Combine(ulong hash, ulong value) => Finalize(hash ^ Finalize(value + 0x9E3779B97F4A7C15UL));

    /// <summary>The fraction in [0, 1) a hash stands for (its top 53 bits).</summary>
    /// <param name="hash">A hash.</param>
    /// <returns>A double in [0, 1).</returns>
    public static double ToFraction(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>A function hashing the current value of <paramref name="column"/> in <paramref name="row"/> (any column type of this library).</summary>
    /// <param name="row">The row (column active).</param>
    /// <param name="column">The column.</param>
    /// <param name="seed">The seed the hash starts from.</param>
    /// <returns>The hasher.</returns>
    public static Func<ulong> ColumnHasher(DataViewRow row, DataViewSchema.Column column, ulong seed)
    {
        var itemType = column.Type is VectorDataViewType vector ? vector.ItemType.RawType : column.Type.RawType;
        string method = column.Type is VectorDataViewType ? nameof(VectorHasher) : nameof(ScalarHasher);
        return (Func<ulong>)typeof(StableHash).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(itemType).Invoke(null, [row, column, seed])!;
    }

    private static Func<ulong> ScalarHasher<T>(DataViewRow row, DataViewSchema.Column column, ulong seed)
    {
        var getter = row.GetGetter<T>(column);
        var item = ItemHash<T>.Hash;
        T value = default!;
        return () =>
        {
            getter(ref value);
            return item(seed, value);
        };
    }

    private static Func<ulong> VectorHasher<T>(DataViewRow row, DataViewSchema.Column column, ulong seed)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        var item = ItemHash<T>.Hash;
        VBuffer<T> value = default;
        return () =>
        {
            getter(ref value);
            ulong hash = Combine(seed, (ulong)value.Length);
            foreach (var x in value.GetValues())
            {
                hash = item(hash, x);
            }

            return hash;
        };
    }

    private static ulong Finalize(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong HashText(ulong hash, ReadOnlyMemory<char> text)
    {
        hash = Combine(hash, (ulong)text.Length);
        foreach (char c in text.Span)
        {
            hash = Combine(hash, c);
        }

        return hash;
    }

    /// <summary>Hashes one item of raw type <typeparamref name="T"/> into a running hash (−0 and 0 hash alike).</summary>
    /// <typeparam name="T">float, double, int, long, uint, bool or ReadOnlyMemory&lt;char&gt;.</typeparam>
    private static class ItemHash<T>
    {
        public static readonly Func<ulong, T, ulong> Hash = (Func<ulong, T, ulong>)Create();

        private static Delegate Create() => typeof(T) switch
        {
            var t when t == typeof(float) => (Func<ulong, float, ulong>)((h, v) => Combine(h, (uint)BitConverter.SingleToInt32Bits(v == 0 ? 0f : v))),
            var t when t == typeof(double) => (Func<ulong, double, ulong>)((h, v) => Combine(h, (ulong)BitConverter.DoubleToInt64Bits(v == 0 ? 0d : v))),
            var t when t == typeof(int) => (Func<ulong, int, ulong>)((h, v) => Combine(h, (ulong)(long)v)),
            var t when t == typeof(long) => (Func<ulong, long, ulong>)((h, v) => Combine(h, (ulong)v)),
            var t when t == typeof(uint) => (Func<ulong, uint, ulong>)((h, v) => Combine(h, v)),
            var t when t == typeof(bool) => (Func<ulong, bool, ulong>)((h, v) => Combine(h, v ? 1UL : 0UL)),
            var t when t == typeof(ReadOnlyMemory<char>) => (Func<ulong, ReadOnlyMemory<char>, ulong>)HashText,
            _ => throw new NotSupportedException($"Values of {typeof(T).Name} cannot be hashed."),
        };
    }
}
