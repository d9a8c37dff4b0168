using System.Diagnostics.CodeAnalysis;

namespace MLNet.Recurrent;

/// <summary>
/// Metadata attached to a column, by kind (ML.NET's DataViewSchema.Annotations). The kind used by this library is
/// <see cref="AnnotationKinds.KeyValues"/>: the values behind the keys of a key column, as a VBuffer&lt;ReadOnlyMemory&lt;char&gt;&gt;.
/// </summary>
public sealed class Annotations
{
    private readonly IReadOnlyDictionary<string, (DataViewType Type, object Value)> _values;

    /// <summary>No annotations.</summary>
    public static Annotations Empty { get; } = new(new Dictionary<string, (DataViewType, object)>());

    internal Annotations(IReadOnlyDictionary<string, (DataViewType Type, object Value)> values) => _values = values;

    /// <summary>Annotations holding the text values of the keys 1…n of a key column.</summary>
    /// <param name="keyValues">The value of key k at index k − 1.</param>
    /// <returns>The annotations.</returns>
    public static Annotations ForKeyValues(IReadOnlyList<string> keyValues)
    {
        var values = new ReadOnlyMemory<char>[keyValues.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = keyValues[i].AsMemory();
        }

        var type = new Data.VectorDataViewType(Data.TextDataViewType.Instance, values.Length);
        return new Annotations(new Dictionary<string, (DataViewType, object)>
        {
            [AnnotationKinds.KeyValues] = (type, new Data.VBuffer<ReadOnlyMemory<char>>(values.Length, values)),
        });
    }

    /// <summary>The kinds present.</summary>
    public IEnumerable<string> Kinds => _values.Keys;

    /// <summary>The type of the annotation <paramref name="kind"/>, or null.</summary>
    /// <param name="kind">Annotation kind.</param>
    public DataViewType? GetTypeOrNull(string kind) => _values.TryGetValue(kind, out var entry) ? entry.Type : null;

    /// <summary>Reads the annotation <paramref name="kind"/>.</summary>
    /// <typeparam name="TValue">Its raw type.</typeparam>
    /// <param name="kind">Annotation kind.</param>
    /// <param name="value">Receives the value.</param>
    /// <exception cref="ArgumentOutOfRangeException">No annotation of that kind.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the annotation's raw type.</exception>
    public void GetValue<TValue>(string kind, ref TValue value)
    {
        if (!_values.TryGetValue(kind, out var entry))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"No annotation '{kind}'; present: {string.Join(", ", _values.Keys)}.");
        }

        if (entry.Value is not TValue typed)
        {
            throw new InvalidOperationException($"Annotation '{kind}' holds {entry.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        value = typed;
    }

    /// <summary>Tries to read the annotation <paramref name="kind"/> as <typeparamref name="TValue"/>.</summary>
    /// <typeparam name="TValue">Its raw type.</typeparam>
    /// <param name="kind">Annotation kind.</param>
    /// <param name="value">The value when present and of that type.</param>
    /// <returns>Whether it was read.</returns>
    public bool TryGetValue<TValue>(string kind, [MaybeNullWhen(false)] out TValue value)
    {
        if (_values.TryGetValue(kind, out var entry) && entry.Value is TValue typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }
}

/// <summary>Names of annotation kinds (ML.NET's AnnotationUtils.Kinds).</summary>
public static class AnnotationKinds
{
    /// <summary>The text values behind the keys of a key column ("KeyValues").</summary>
    public const string KeyValues = "KeyValues";
}
