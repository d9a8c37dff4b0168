namespace MLNet.Recurrent;

/// <summary>
/// The outcome of one fold of cross-validation (ML.NET's TrainCatalogBase.CrossValidationResult&lt;TMetrics&gt;):
/// the model fitted on the other folds, its metrics on this fold, and this fold's scored rows.
/// </summary>
/// <typeparam name="TMetrics">The metrics type of the task (e.g. RegressionMetrics).</typeparam>
public sealed class CrossValidationResult<TMetrics>
    where TMetrics : class
{
    internal CrossValidationResult(ITransformer model, TMetrics metrics, IDataView scoredHoldOutSet, int fold)
    {
        Model = model;
        Metrics = metrics;
        ScoredHoldOutSet = scoredHoldOutSet;
        Fold = fold;
    }

    /// <summary>The model fitted on every fold but this one.</summary>
    public ITransformer Model { get; }

    /// <summary>The model's metrics on this fold.</summary>
    public TMetrics Metrics { get; }

    /// <summary>This fold's rows scored by <see cref="Model"/> (a lazy view: reading it re-runs the model).</summary>
    public IDataView ScoredHoldOutSet { get; }

    /// <summary>The fold's index, 0 … numberOfFolds − 1.</summary>
    public int Fold { get; }
}
