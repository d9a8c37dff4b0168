namespace MLNet.Recurrent.Data;

/// <summary>
/// Estimators fitted one after another, each on the output of the transformers before it (ML.NET's
/// EstimatorChain&lt;TLastTransformer&gt;). Built with <c>Append</c>.
/// </summary>
/// <typeparam name="TLastTransformer">The type the last estimator fits.</typeparam>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;

    /// <summary>An empty chain.</summary>
    public EstimatorChain() => _estimators = [];

    internal EstimatorChain(IEstimator<ITransformer>[] estimators) => _estimators = estimators;

    /// <summary>The estimators, in order.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    /// <summary>The last estimator (ML.NET's LastEstimator), or null for an empty chain.</summary>
    public IEstimator<TLastTransformer>? LastEstimator => _estimators.Length == 0 ? null : (IEstimator<TLastTransformer>)_estimators[^1];

    /// <summary>This chain followed by <paramref name="estimator"/>.</summary>
    /// <typeparam name="TNewTrans">What the appended estimator fits.</typeparam>
    /// <param name="estimator">The estimator to append.</param>
    /// <returns>A new chain.</returns>
    public EstimatorChain<TNewTrans> Append<TNewTrans>(IEstimator<TNewTrans> estimator)
        where TNewTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTrans>([.. _estimators, estimator]);
    }

    /// <summary>Fits each estimator on the data transformed by those before it.</summary>
    /// <param name="input">Training data.</param>
    /// <returns>The chain of fitted transformers.</returns>
    /// <exception cref="SchemaMismatchException">A step's input column is missing or mistyped (checked for all steps before any training).</exception>
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var transformers = new ITransformer[_estimators.Length];
        var current = input;
        for (int i = 0; i < _estimators.Length; i++)
        {
            transformers[i] = _estimators[i].Fit(current);
            if (i < _estimators.Length - 1)
            {
                current = transformers[i].Transform(current);
            }
        }

        return new TransformerChain<TLastTransformer>(transformers);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        => _estimators.Aggregate(inputSchema, (shape, estimator) => estimator.GetOutputSchema(shape));
}
