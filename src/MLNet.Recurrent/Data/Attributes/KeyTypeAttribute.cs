namespace MLNet.Recurrent.Data;

/// <summary>
/// Marks a uint (or uint[]) member of a row class as a key column (ML.NET's KeyTypeAttribute): values 1 … count
/// index a vocabulary and 0 means missing. In a text file the field holds the 0-based index, so "0" loads as key 1.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false)]
public sealed class KeyTypeAttribute : Attribute
{
    /// <summary>A key column over <paramref name="count"/> values.</summary>
    /// <param name="count">The number of distinct keys (1 … uint.MaxValue).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is 0 or above uint.MaxValue.</exception>
    public KeyTypeAttribute(ulong count)
    {
        if (count == 0 || count > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{nameof(count)}: expected 1 … {uint.MaxValue}, got {count}.");
        }

        Count = count;
    }

    /// <summary>The number of distinct keys.</summary>
    public ulong Count { get; }
}
