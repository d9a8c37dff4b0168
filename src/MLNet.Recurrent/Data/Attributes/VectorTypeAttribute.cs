namespace MLNet.Recurrent.Data;

/// <summary>
/// Marks an array (or VBuffer) member of a row class as a vector column and optionally fixes its size (ML.NET's
/// VectorTypeAttribute). Without dimensions, or with a 0 among them, the column has variable length — the
/// representation of sequences. With dimensions d₁ … d_k the column has d₁·…·d_k items in every row, and
/// <c>LoadFromEnumerable</c> rejects a row whose array has another length.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false)]
public sealed class VectorTypeAttribute : Attribute
{
    /// <summary>A variable-length vector.</summary>
    public VectorTypeAttribute() => Dimensions = [];

    /// <summary>A vector of the given dimensions.</summary>
    /// <param name="dimensions">Sizes (each ≥ 0; none or a 0 means variable length).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative size.</exception>
    public VectorTypeAttribute(params int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        foreach (int dimension in dimensions)
        {
            if (dimension < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dimensions), dimension, $"{nameof(dimensions)}: expected sizes ≥ 0, got {dimension}.");
            }
        }

        Dimensions = [.. dimensions];
    }

    /// <summary>The dimensions given (empty: variable length).</summary>
    public IReadOnlyList<int> Dimensions { get; }
}
