namespace MLNet.Recurrent.Data;

/// <summary>
/// A key column type (ML.NET's KeyDataViewType): values are uint indices 1…<see cref="Count"/> into a vocabulary,
/// with 0 meaning "missing". The vocabulary itself travels as the column's <see cref="AnnotationKinds.KeyValues"/>.
/// </summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <summary>Creates a key type over <paramref name="count"/> values.</summary>
    /// <param name="rawType">Must be typeof(uint).</param>
    /// <param name="count">The number of distinct keys (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rawType"/> is not uint, or <paramref name="count"/> is 0.</exception>
    public KeyDataViewType(Type rawType, ulong count) : base(rawType)
    {
        if (rawType != typeof(uint))
        {
            throw new ArgumentOutOfRangeException(nameof(rawType), rawType, $"{nameof(rawType)}: expected System.UInt32, got {rawType}.");
        }

        if (count == 0 || count > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{nameof(count)}: expected 1 … {uint.MaxValue}, got {count}.");
        }

        Count = count;
    }

    /// <summary>Creates a key type over <paramref name="count"/> values (ML.NET's int overload).</summary>
    /// <param name="rawType">Must be typeof(uint).</param>
    /// <param name="count">The number of distinct keys (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rawType"/> is not uint, or <paramref name="count"/> is below 1.</exception>
    public KeyDataViewType(Type rawType, int count)
        : this(rawType, count > 0 ? (ulong)count : throw new ArgumentOutOfRangeException(nameof(count), count, $"{nameof(count)}: expected 1 … {int.MaxValue}, got {count}."))
    {
    }

    /// <summary>The number of distinct keys.</summary>
    public ulong Count { get; }

    /// <inheritdoc/>
    public override bool Equals(DataViewType? other) => other is KeyDataViewType key && key.Count == Count;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RawType, Count);

    /// <inheritdoc/>
    public override string ToString() => $"Key<UInt32, 0-{Count - 1}>";
}
