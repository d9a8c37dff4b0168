namespace MLNet.Recurrent.Data;

/// <summary>
/// The type of the items of a text-loaded column (ML.NET's DataKind, the kinds this library reads; the numeric
/// values are ML.NET's). UInt32 with a <see cref="KeyCount"/> loads a key column.
/// </summary>
public enum DataKind : byte
{
    /// <summary>int (NumberDataViewType.Int32).</summary>
    Int32 = 5,

    /// <summary>uint (NumberDataViewType.UInt32, or a key column with a KeyCount).</summary>
    UInt32 = 6,

    /// <summary>long (NumberDataViewType.Int64).</summary>
    Int64 = 7,

    /// <summary>float (NumberDataViewType.Single).</summary>
    Single = 9,

    /// <summary>double (NumberDataViewType.Double).</summary>
    Double = 10,

    /// <summary>Text (TextDataViewType, ReadOnlyMemory&lt;char&gt;).</summary>
    String = 11,

    /// <summary>bool (BooleanDataViewType).</summary>
    Boolean = 12,
}
