using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

/// <summary>Extension methods that compose estimators and transformers (ML.NET's LearningPipelineExtensions).</summary>
public static class LearningPipelineExtensions
{
    /// <summary>A chain of <paramref name="start"/> followed by <paramref name="estimator"/>.</summary>
    /// <typeparam name="TTrans">What <paramref name="estimator"/> fits.</typeparam>
    /// <param name="start">The first estimator.</param>
    /// <param name="estimator">The next estimator.</param>
    /// <returns>The chain.</returns>
    public static EstimatorChain<TTrans> Append<TTrans>(this IEstimator<ITransformer> start, IEstimator<TTrans> estimator)
        where TTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(estimator);
        return start is EstimatorChain<ITransformer> chain && chain.Estimators.Count == 0
            ? new EstimatorChain<TTrans>([estimator])
            : new EstimatorChain<TTrans>([start, estimator]);
    }

    /// <summary>A chain of <paramref name="start"/> followed by <paramref name="transformer"/>.</summary>
    /// <typeparam name="TTrans">The appended transformer's type.</typeparam>
    /// <param name="start">The first transformer.</param>
    /// <param name="transformer">The next transformer.</param>
    /// <returns>The chain.</returns>
    public static TransformerChain<TTrans> Append<TTrans>(this ITransformer start, TTrans transformer)
        where TTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(transformer);
        return new TransformerChain<TTrans>(start, transformer);
    }
}
