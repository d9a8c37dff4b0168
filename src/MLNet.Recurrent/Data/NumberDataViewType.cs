namespace MLNet.Recurrent.Data;

/// <summary>Numeric column types (ML.NET's NumberDataViewType): one instance per .NET numeric type.</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType(Type rawType) : base(rawType)
    {
    }

    /// <summary>float (System.Single).</summary>
    public static NumberDataViewType Single { get; } = new(typeof(float));

    /// <summary>double.</summary>
    public static NumberDataViewType Double { get; } = new(typeof(double));

    /// <summary>int.</summary>
    public static NumberDataViewType Int32 { get; } = new(typeof(int));

    /// <summary>long.</summary>
    public static NumberDataViewType Int64 { get; } = new(typeof(long));

    /// <summary>uint (as a plain number; key columns use <see cref="KeyDataViewType"/>).</summary>
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint));

    /// <summary>The numeric type whose raw type is <paramref name="rawType"/>, or null.</summary>
    /// <param name="rawType">A .NET type.</param>
    /// <returns>The column type or null.</returns>
    public static NumberDataViewType? FromRawType(Type rawType)
        => rawType == typeof(float) ? Single
        : rawType == typeof(double) ? Double
        : rawType == typeof(int) ? Int32
        : rawType == typeof(long) ? Int64
        : rawType == typeof(uint) ? UInt32
        : null;

    /// <inheritdoc/>
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => RawType.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => RawType.Name;
}

/// <summary>The boolean column type (ML.NET's BooleanDataViewType).</summary>
public sealed class BooleanDataViewType : PrimitiveDataViewType
{
    private BooleanDataViewType() : base(typeof(bool))
    {
    }

    /// <summary>The single instance.</summary>
    public static BooleanDataViewType Instance { get; } = new();

    /// <inheritdoc/>
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => RawType.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => "Boolean";
}

/// <summary>The text column type (ML.NET's TextDataViewType); values are ReadOnlyMemory&lt;char&gt;.</summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType() : base(typeof(ReadOnlyMemory<char>))
    {
    }

    /// <summary>The single instance.</summary>
    public static TextDataViewType Instance { get; } = new();

    /// <inheritdoc/>
    public override bool Equals(DataViewType? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => RawType.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => "String";
}
