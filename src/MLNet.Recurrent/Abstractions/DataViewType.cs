namespace MLNet.Recurrent;

/// <summary>
/// The type of a column of an <see cref="IDataView"/>: which .NET type its getter produces (<see cref="RawType"/>)
/// and what the values mean. As in ML.NET, column types are compared by value.
/// </summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    /// <summary>Creates a column type whose values are read as <paramref name="rawType"/>.</summary>
    /// <param name="rawType">The type a <see cref="ValueGetter{TValue}"/> of this column fills.</param>
    protected DataViewType(Type rawType)
    {
        ArgumentNullException.ThrowIfNull(rawType);
        RawType = rawType;
    }

    /// <summary>The .NET type of the values (float, double, int, long, bool, ReadOnlyMemory&lt;char&gt;, uint for keys, VBuffer&lt;T&gt; for vectors).</summary>
    public Type RawType { get; }

    /// <inheritdoc/>
    public abstract bool Equals(DataViewType? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => RawType.GetHashCode();
}

/// <summary>A column type whose values are single items (numbers, booleans, text, keys).</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    /// <summary>Creates a primitive column type.</summary>
    /// <param name="rawType">The .NET type of one value.</param>
    protected PrimitiveDataViewType(Type rawType) : base(rawType)
    {
    }
}
