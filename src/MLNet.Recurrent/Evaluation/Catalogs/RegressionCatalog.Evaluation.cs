using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent;

public sealed partial class RegressionCatalog
{
    /// <summary>
    /// Evaluates scored regression data (ML.NET's <c>RegressionCatalog.Evaluate</c>) in one streaming pass, constant
    /// memory. Rows with a NaN label or score are skipped, as in ML.NET.
    /// </summary>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The actual value, Single (default "Label").</param>
    /// <param name="scoreColumnName">The predicted value, Single (default "Score").</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, or no row could be evaluated.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public RegressionMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(data);
        var label = EvaluationInput.Require(data, labelColumnName, nameof(labelColumnName), "Single", EvaluationInput.IsSingle);
        var score = EvaluationInput.Require(data, scoreColumnName, nameof(scoreColumnName), "Single", EvaluationInput.IsSingle);
        var accumulator = new RegressionAccumulator();
        using (var cursor = data.GetRowCursor([label, score]))
        {
            var getLabel = cursor.GetGetter<float>(label);
            var getScore = cursor.GetGetter<float>(score);
            float labelValue = 0;
            float scoreValue = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref labelValue);
                getScore(ref scoreValue);
                accumulator.Add(labelValue, scoreValue);
            }
        }

        EvaluationInput.ThrowIfEmpty(accumulator.Count, "rows", $"{accumulator.SkippedRows} skipped for a NaN label or score");
        return accumulator.ToMetrics();
    }

    /// <summary>
    /// Cross-validates <paramref name="estimator"/> (ML.NET's <c>RegressionCatalog.CrossValidate</c>): for each of
    /// <paramref name="numberOfFolds"/> folds, fits on the other folds and evaluates with <see cref="Evaluate"/>
    /// (default score column) on the fold. Folds are lazy filtered views assigned by a seeded hash of each row's id
    /// (or sampling key), so they are near, not exactly, equal in size.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="estimator">The pipeline to fit; its model must output Score.</param>
    /// <param name="numberOfFolds">The number of folds (≥ 2, default 5).</param>
    /// <param name="labelColumnName">The label column (default "Label").</param>
    /// <param name="samplingKeyColumnName">Rows with the same value in this column stay in one fold (default null).</param>
    /// <param name="seed">The seed of the fold assignment (default null: drawn from the context's seed).</param>
    /// <returns>One result per fold: metrics, model, scored hold-out set and fold index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> &lt; 2.</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing or of an unsupported type, or a column read in evaluation is.</exception>
    /// <exception cref="ArgumentException">A fold holds no row to evaluate.</exception>
    public IReadOnlyList<CrossValidationResult<RegressionMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null)
        => CrossValidator.Run(Context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));
}
