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
        [Transforms.SequenceClassificationTransformer.KindName] = Transforms.SequenceClassificationTransformer.Load,
        [Transforms.SequenceRegressionTransformer.KindName] = Transforms.SequenceRegressionTransformer.Load,
        [Transforms.RecurrentForecastingTransformer.KindName] = Transforms.RecurrentForecastingTransformer.Load,
        [Transforms.SequenceTaggingTransformer.KindName] = Transforms.SequenceTaggingTransformer.Load,
        [Transforms.SequenceToSequenceTransformer.KindName] = Transforms.SequenceToSequenceTransformer.Load,
    };

    /// <summary>The kinds this library reads.</summary>
    public static IEnumerable<string> Known => Loaders.Keys;

    /// <summary>Loads the object described by <paramref name="context"/>.</summary>
    /// <param name="context">A saved object.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ModelFormatException">The kind is unknown.</exception>
    internal static ICanSaveModel Load(ModelLoadContext context)
        => Loaders.TryGetValue(context.Kind, out var loader)
            ? loader(context)
            : throw new ModelFormatException(context.Path, $"unknown object kind '{context.Kind}'; known kinds: {string.Join(", ", Loaders.Keys)}.");
}
