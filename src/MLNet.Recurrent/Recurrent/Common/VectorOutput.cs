using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>Writes predicted values into a vector column's destination buffer, reusing its storage when large enough.</summary>
internal static class VectorOutput
{
    /// <summary>Sets <paramref name="destination"/> to a copy of <paramref name="source"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="source">The values.</param>
    /// <param name="destination">The getter's destination.</param>
    public static void Write<T>(ReadOnlySpan<T> source, ref VBuffer<T> destination)
    {
        T[] values = VBuffer<T>.GetWritableArray(destination, source.Length);
        source.CopyTo(values);
        destination = new VBuffer<T>(source.Length, values);
    }
}
