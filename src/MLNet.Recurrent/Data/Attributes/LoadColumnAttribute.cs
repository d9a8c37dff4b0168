namespace MLNet.Recurrent.Data;

/// <summary>
/// Which field(s) of a text file a member of a row class is read from (ML.NET's LoadColumnAttribute), used by
/// <c>LoadFromTextFile&lt;T&gt;</c> and <c>CreateTextLoader&lt;T&gt;</c>. Field indices are 0-based. A single index
/// gives a scalar column (or a vector of one item for an array member); a range or a list of indices gives a
/// fixed-size vector column whose items are those fields in order.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>Reads the member from field <paramref name="fieldIndex"/>.</summary>
    /// <param name="fieldIndex">0-based field index (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fieldIndex"/> is negative.</exception>
    public LoadColumnAttribute(int fieldIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fieldIndex);
        Sources = [fieldIndex];
        IsRange = false;
    }

    /// <summary>Reads the member, a vector, from fields <paramref name="start"/> … <paramref name="end"/> (both included).</summary>
    /// <param name="start">First field index (≥ 0).</param>
    /// <param name="end">Last field index (≥ <paramref name="start"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="end"/> &lt; <paramref name="start"/>.</exception>
    public LoadColumnAttribute(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"{nameof(end)}: expected ≥ start ({start}), got {end}.");
        }

        Sources = Enumerable.Range(start, end - start + 1).ToArray();
        IsRange = true;
    }

    /// <summary>Reads the member, a vector, from the fields <paramref name="columnIndexes"/>, in that order.</summary>
    /// <param name="columnIndexes">0-based field indices (at least one, each ≥ 0).</param>
    /// <exception cref="ArgumentException"><paramref name="columnIndexes"/> is empty or holds a negative index.</exception>
    public LoadColumnAttribute(int[] columnIndexes)
    {
        ArgumentNullException.ThrowIfNull(columnIndexes);
        if (columnIndexes.Length == 0 || columnIndexes.Any(i => i < 0))
        {
            throw new ArgumentException(
                $"{nameof(columnIndexes)}: expected at least one index, each ≥ 0, got [{string.Join(", ", columnIndexes)}].", nameof(columnIndexes));
        }

        Sources = [.. columnIndexes];
        IsRange = true;
    }

    /// <summary>The field indices read, in order.</summary>
    internal IReadOnlyList<int> Sources { get; }

    /// <summary>Whether a range or list was given (the column is then a vector even with one index).</summary>
    internal bool IsRange { get; }
}
