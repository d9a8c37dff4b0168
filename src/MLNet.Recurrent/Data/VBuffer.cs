namespace MLNet.Recurrent.Data;

/// <summary>
/// The value of a vector column (ML.NET's VBuffer&lt;T&gt;): <see cref="Length"/> items stored densely. The array
/// may be longer than <see cref="Length"/> so getters can reuse it from row to row; read through
/// <see cref="GetValues"/>. (ML.NET's sparse form is not used by this library: every VBuffer here is dense.)
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct VBuffer<T>
{
    private readonly T[]? _values;

    /// <summary>Creates a dense vector over the first <paramref name="length"/> items of <paramref name="values"/>.</summary>
    /// <param name="length">The logical length (≥ 0, ≤ values.Length).</param>
    /// <param name="values">The storage (kept, not copied).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or longer than the array.</exception>
    public VBuffer(int length, T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if ((uint)length > (uint)values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"{nameof(length)}: expected 0 … {values.Length}, got {length}.");
        }

        Length = length;
        _values = values;
    }

    /// <summary>The number of items.</summary>
    public int Length { get; }

    /// <summary>Always true in this library.</summary>
    public bool IsDense => true;

    /// <summary>The items.</summary>
    /// <returns>A span of <see cref="Length"/> items.</returns>
    public ReadOnlySpan<T> GetValues() => _values is null ? ReadOnlySpan<T>.Empty : _values.AsSpan(0, Length);

    /// <summary>The items as a sequence.</summary>
    /// <returns>The items, in order.</returns>
    public IEnumerable<T> DenseValues()
    {
        for (int i = 0; i < Length; i++)
        {
            yield return _values![i];
        }
    }

    /// <summary>Copies the items into a new array.</summary>
    /// <returns>A new array of <see cref="Length"/> items.</returns>
    public T[] ToArray() => GetValues().ToArray();

    /// <summary>
    /// Returns storage of at least <paramref name="length"/> items for writing into <paramref name="destination"/>:
    /// its current array when large enough, otherwise a new one. Pair with <c>destination = new VBuffer&lt;T&gt;(length, array)</c>.
    /// </summary>
    /// <param name="destination">The buffer whose storage may be reused.</param>
    /// <param name="length">The length needed.</param>
    /// <returns>An array of at least <paramref name="length"/> items.</returns>
    public static T[] GetWritableArray(in VBuffer<T> destination, int length)
        => destination._values is { } values && values.Length >= length ? values : new T[length];

    /// <inheritdoc/>
    public override string ToString() => $"[{string.Join(", ", DenseValues())}]";
}
