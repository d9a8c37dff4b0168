using System.Collections;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Data;

/// <summary>
/// Fitted transformers applied one after another (ML.NET's TransformerChain&lt;TLastTransformer&gt;): what
/// <see cref="EstimatorChain{TLastTransformer}.Fit"/> returns.
/// </summary>
/// <typeparam name="TLastTransformer">The type of the last transformer, so its trained model stays reachable.</typeparam>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>
    where TLastTransformer : class, ITransformer
{
    private readonly ITransformer[] _transformers;

    /// <summary>Chains <paramref name="transformers"/> in order.</summary>
    /// <param name="transformers">The transformers; the last must be a <typeparamref name="TLastTransformer"/> (when any).</param>
    /// <exception cref="ArgumentException">The last transformer has another type.</exception>
    public TransformerChain(params ITransformer[] transformers)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        _transformers = [.. transformers];
        if (_transformers.Length > 0 && _transformers[^1] is not TLastTransformer)
        {
            throw new ArgumentException(
                $"{nameof(transformers)}: expected the last to be a {typeof(TLastTransformer).Name}, got {_transformers[^1].GetType().Name}.",
                nameof(transformers));
        }
    }

    /// <summary>The last transformer (null for an empty chain).</summary>
    public TLastTransformer? LastTransformer => _transformers.Length == 0 ? null : (TLastTransformer)_transformers[^1];

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

    /// <summary>This chain followed by <paramref name="transformer"/>.</summary>
    /// <typeparam name="TNewLast">The appended transformer's type.</typeparam>
    /// <param name="transformer">The transformer to append.</param>
    /// <returns>A new chain.</returns>
    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer)
        where TNewLast : class, ITransformer
        => new([.. _transformers, transformer]);

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
        => _transformers.Aggregate(inputSchema, (schema, transformer) => transformer.GetOutputSchema(schema));

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
        => _transformers.Aggregate(input, (data, transformer) => transformer.Transform(data));

    /// <inheritdoc/>
    public void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(TransformerChain.KindName, 1);
        context.Manifest["count"] = _transformers.Length;
        for (int i = 0; i < _transformers.Length; i++)
        {
            context.SaveChild(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _transformers[i]);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Loading of saved <see cref="TransformerChain{TLastTransformer}"/>s.</summary>
public static class TransformerChain
{
    /// <summary>The kind name of a chain in a model file.</summary>
    public const string KindName = "TransformerChain";

    internal static TransformerChain<ITransformer> Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        int count = context.Get<int>("count");
        if (count < 0)
        {
            throw new ModelFormatException(context.Path, $"field 'count' must be ≥ 0, got {count}.");
        }

        // Grown child by child, not sized from the file: a corrupt count fails at the first missing child instead
        // of allocating a huge array.
        var transformers = new List<ITransformer>();
        for (int i = 0; i < count; i++)
        {
            transformers.Add(context.LoadChild<ITransformer>(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new TransformerChain<ITransformer>([.. transformers]);
    }
}
