namespace MLNet.Recurrent.Transforms;

/// <summary>
/// An estimator with nothing to learn (ML.NET's TrivialEstimator&lt;TTransformer&gt;): its transformer is built
/// from the arguments alone, and <see cref="Fit"/> only checks that the data has the columns it reads.
/// </summary>
/// <typeparam name="TTransformer">The transformer it returns.</typeparam>
public abstract class TrivialEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : class, ITransformer
{
    /// <summary>Creates the estimator around its ready transformer.</summary>
    /// <param name="transformer">What <see cref="Fit"/> returns.</param>
    private protected TrivialEstimator(TTransformer transformer) => Transformer = transformer;

    /// <summary>The transformer <see cref="Fit"/> returns.</summary>
    private protected TTransformer Transformer { get; }

    /// <summary>Checks <paramref name="input"/>'s schema and returns the transformer; reads no rows.</summary>
    /// <param name="input">The data the transformer will be applied to.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="SchemaMismatchException">A column the transformer reads is missing or has the wrong type.</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Transformer.GetOutputSchema(input.Schema);
        return Transformer;
    }

    /// <inheritdoc/>
    public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
