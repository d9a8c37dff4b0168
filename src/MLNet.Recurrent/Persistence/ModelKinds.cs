using System.Collections.Immutable;

namespace MLNet.Recurrent.Persistence;

/// <summary>
/// The closed table of object kinds a model file may contain, each with its loader. A kind read from a file only
/// selects an entry here — no type named by the file is ever instantiated — and an unknown kind is an error.
/// </summary>
public static class ModelKinds
{
    private static readonly Dictionary<string, Func<ModelLoadContext, ICanSaveModel>> Loaders = new(StringComparer.Ordinal)
    {
        [Data.TransformerChain.KindName] = Data.TransformerChain.Load,
        [Transforms.ValueToKeyMappingTransformer.KindName] = Transforms.ValueToKeyMappingTransformer.Load,
        [Transforms.KeyToValueMappingTransformer.KindName] = Transforms.KeyToValueMappingTransformer.Load,
        [Transforms.Text.TokenizingTransformer.KindName] = Transforms.Text.TokenizingTransformer.Load,
        [Transforms.Text.WordTokenizingTransformer.KindName] = Transforms.Text.WordTokenizingTransformer.Load,
        [Transforms.NormalizingTransformer.KindName] = Transforms.NormalizingTransformer.Load,
        [Transforms.ColumnConcatenatingTransformer.KindName] = Transforms.ColumnConcatenatingTransformer.Load,
        [Transforms.ColumnCopyingTransformer.KindName] = Transforms.ColumnCopyingTransformer.Load,
        [Transforms.ColumnSelectingTransformer.KindName] = Transforms.ColumnSelectingTransformer.Load,
        [Transforms.SlidingWindowTransformer.KindName] = Transforms.SlidingWindowTransformer.Load,
        [Transforms.SequenceClassificationTransformer.KindName] = Transforms.SequenceClassificationTransformer.Load,
        [Transforms.SequenceRegressionTransformer.KindName] = Transforms.SequenceRegressionTransformer.Load,
        [Transforms.RecurrentForecastingTransformer.KindName] = Transforms.RecurrentForecastingTransformer.Load,
        [Transforms.SequenceTaggingTransformer.KindName] = Transforms.SequenceTaggingTransformer.Load,
        [Transforms.SequenceToSequenceTransformer.KindName] = Transforms.SequenceToSequenceTransformer.Load,
    };

    /// <summary>Kinds registered by tests, visible only to the execution flow that registered them.</summary>
    private static readonly AsyncLocal<ImmutableDictionary<string, Func<ModelLoadContext, ICanSaveModel>>?> TestLoaders = new();

    /// <summary>The kinds this library reads.</summary>
    public static IEnumerable<string> Known => Loaders.Keys;

    /// <summary>
    /// Loads the object described by <paramref name="context"/>. What a loader throws because the saved data is
    /// invalid (argument, format, shape, lookup and cast errors of the constructors it calls) is raised as a
    /// <see cref="ModelFormatException"/> naming the object's place in the model, so a corrupt file never surfaces as
    /// another exception type.
    /// </summary>
    /// <param name="context">A saved object.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ModelFormatException">The kind is unknown, or its loader rejected the saved data.</exception>
    internal static ICanSaveModel Load(ModelLoadContext context)
    {
        var loader = Loaders.GetValueOrDefault(context.Kind) ?? TestLoaders.Value?.GetValueOrDefault(context.Kind)
            ?? throw new ModelFormatException(context.Path, $"unknown object kind '{context.Kind}'; known kinds: {string.Join(", ", Loaders.Keys)}.");
        try
        {
            return loader(context);
        }
        catch (Exception e) when (e is not ModelFormatException && IsInvalidDataError(e))
        {
            throw new ModelFormatException(context.Path, $"the saved {context.Kind} (version {context.Version}) is invalid: {e.Message}", e);
        }
    }

    /// <summary>
    /// Adds a kind for the current execution flow only (the calling test and the tasks it starts), until the returned
    /// scope is disposed. The public table stays closed: this exists so tests can save and load objects of their own.
    /// </summary>
    /// <param name="kind">The kind name; must not shadow a built-in kind.</param>
    /// <param name="loader">Its loader.</param>
    /// <returns>A scope whose disposal restores the previous registrations.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is empty or a built-in kind.</exception>
    internal static IDisposable RegisterForTesting(string kind, Func<ModelLoadContext, ICanSaveModel> loader)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(loader);
        if (Loaders.ContainsKey(kind))
        {
            throw new ArgumentException($"{nameof(kind)}: '{kind}' is a built-in kind.", nameof(kind));
        }

        var previous = TestLoaders.Value;
        TestLoaders.Value = (previous ?? ImmutableDictionary.Create<string, Func<ModelLoadContext, ICanSaveModel>>(StringComparer.Ordinal)).SetItem(kind, loader);
        return new Registration(previous);
    }

    private static bool IsInvalidDataError(Exception e)
        => e is ArgumentException or FormatException or InvalidOperationException or OverflowException or KeyNotFoundException
            or IndexOutOfRangeException or InvalidCastException or NotSupportedException or System.Text.Json.JsonException;

    private sealed class Registration(ImmutableDictionary<string, Func<ModelLoadContext, ICanSaveModel>>? previous) : IDisposable
    {
        public void Dispose() => TestLoaders.Value = previous;
    }
}
