namespace MLNet.Recurrent.Data;

/// <summary>The number of keys of a key column loaded from text (ML.NET's KeyCount).</summary>
public sealed class KeyCount
{
    /// <summary>Keys 1 … <paramref name="count"/>; the file holds the 0-based index (0 … count − 1).</summary>
    /// <param name="count">The number of keys (1 … uint.MaxValue).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is 0 or above uint.MaxValue.</exception>
    public KeyCount(ulong count)
    {
        if (count == 0 || count > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{nameof(count)}: expected 1 … {uint.MaxValue}, got {count}.");
        }

        Count = count;
    }

    /// <summary>The number of keys.</summary>
    public ulong Count { get; }
}
