using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>Reads and writes the key values (the vocabulary behind keys 1…n) of key columns.</summary>
internal static class KeyValuesAnnotation
{
    /// <summary>The key values of <paramref name="column"/> (key k at index k − 1), or null when it has none.</summary>
    /// <param name="column">A key column or a vector of keys.</param>
    /// <returns>The values or null.</returns>
    public static string[]? Read(DataViewSchema.Column column)
        => column.Annotations.TryGetValue<VBuffer<ReadOnlyMemory<char>>>(AnnotationKinds.KeyValues, out var values)
            ? [.. values.DenseValues().Select(v => v.ToString())]
            : null;

    /// <summary>Annotations carrying <paramref name="keyValues"/>, or null.</summary>
    /// <param name="keyValues">The values, or null.</param>
    /// <returns>The annotations or null.</returns>
    public static Annotations? ToAnnotations(IReadOnlyList<string>? keyValues) => keyValues is null ? null : Annotations.ForKeyValues(keyValues);
}
