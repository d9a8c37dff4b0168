namespace MLNet.Recurrent.Evaluation;

/// <summary>The k-fold loop shared by the catalogs' CrossValidate methods, over the folds of <c>mlContext.Data.CrossValidationSplit</c>.</summary>
internal static class CrossValidator
{
    /// <summary>Fits <paramref name="estimator"/> on all folds but one and evaluates it on that one, for each fold in turn.</summary>
    /// <typeparam name="TMetrics">The task's metrics.</typeparam>
    /// <param name="context">The context (draws the seed when none is given).</param>
    /// <param name="data">The data to split.</param>
    /// <param name="estimator">The pipeline.</param>
    /// <param name="numberOfFolds">k ≥ 2.</param>
    /// <param name="samplingKeyColumnName">The grouping column, or null.</param>
    /// <param name="seed">The fold assignment's seed, or null for the context's next seed.</param>
    /// <param name="evaluate">Evaluates a scored hold-out set.</param>
    /// <returns>One result per fold, in fold order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> &lt; 2.</exception>
    public static IReadOnlyList<CrossValidationResult<TMetrics>> Run<TMetrics>(MLContext context, IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds, string? samplingKeyColumnName, int? seed, Func<IDataView, TMetrics> evaluate)
        where TMetrics : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        var folds = context.Data.CrossValidationSplit(data, numberOfFolds, samplingKeyColumnName, seed);
        var results = new CrossValidationResult<TMetrics>[numberOfFolds];
        for (int fold = 0; fold < numberOfFolds; fold++)
        {
            var model = estimator.Fit(folds[fold].TrainSet);
            var scored = model.Transform(folds[fold].TestSet);
            results[fold] = new CrossValidationResult<TMetrics>(model, evaluate(scored), scored, fold);
        }

        return results;
    }
}
