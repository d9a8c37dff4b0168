namespace MLNet.Recurrent.Data;

/// <summary>
/// A vector column type (ML.NET's VectorDataViewType): values are <see cref="VBuffer{T}"/> of
/// <see cref="ItemType"/>. A size of 0 means variable length — the representation of sequences.
/// </summary>
public sealed class VectorDataViewType : DataViewType
{
    /// <summary>Creates a vector type.</summary>
    /// <param name="itemType">The item type.</param>
    /// <param name="dimensions">Dimensions (each ≥ 0); none or a single 0 means variable length.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions)
        : base(typeof(VBuffer<>).MakeGenericType((itemType ?? throw new ArgumentNullException(nameof(itemType))).RawType))
    {
        foreach (int dimension in dimensions)
        {
            if (dimension < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dimensions), dimension, $"{nameof(dimensions)}: expected sizes ≥ 0, got {dimension}.");
            }
        }

        ItemType = itemType;
        Dimensions = dimensions.Length == 0 ? [0] : [.. dimensions];
        Size = Dimensions.Aggregate(1, (product, d) => product * d);
    }

    /// <summary>The type of one item.</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The dimensions (0 in any of them: variable length).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The number of items (0 for variable length).</summary>
    public int Size { get; }

    /// <summary>Whether every row has <see cref="Size"/> items.</summary>
    public bool IsKnownSize => Size > 0;

    /// <inheritdoc/>
    public override bool Equals(DataViewType? other)
        => other is VectorDataViewType vector && vector.ItemType.Equals(ItemType) && vector.Dimensions.SequenceEqual(Dimensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ItemType, Size);

    /// <inheritdoc/>
    public override string ToString() => IsKnownSize ? $"Vector<{ItemType}, {string.Join(", ", Dimensions)}>" : $"Vector<{ItemType}>";
}
