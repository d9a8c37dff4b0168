using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent;

public sealed partial class BinaryClassificationCatalog
{
    /// <summary>
    /// Evaluates scored binary classification data with probabilities (ML.NET's
    /// <c>BinaryClassificationCatalog.Evaluate</c>). One streaming pass; the ROC and precision–recall areas keep
    /// each row's score and label (8 bytes a row). Rows with a NaN or infinite score are skipped, as in ML.NET.
    /// The counts (accuracy, precision, recall, F1) come from the predicted label column, which ML.NET's scorers
    /// set to Score &gt; 0 — the same rule ML.NET's evaluator applies by default.
    /// </summary>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The actual class, Boolean (default "Label").</param>
    /// <param name="scoreColumnName">The raw score, Single, ranking the rows (default "Score").</param>
    /// <param name="probabilityColumnName">The probability of the positive class, Single (default "Probability").</param>
    /// <param name="predictedLabelColumnName">The predicted class, Boolean (default "PredictedLabel").</param>
    /// <returns>The metrics, log-loss in bits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, or no row has a finite score.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public CalibratedBinaryClassificationMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string probabilityColumnName = "Probability", string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(probabilityColumnName);
        return Accumulate(data, labelColumnName, scoreColumnName, probabilityColumnName, predictedLabelColumnName).ToCalibratedMetrics();
    }

    /// <summary>
    /// Evaluates scored binary classification data without probabilities (ML.NET's
    /// <c>BinaryClassificationCatalog.EvaluateNonCalibrated</c>); otherwise as <see cref="Evaluate"/>.
    /// </summary>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The actual class, Boolean (default "Label").</param>
    /// <param name="scoreColumnName">The raw score, Single, ranking the rows (default "Score").</param>
    /// <param name="predictedLabelColumnName">The predicted class, Boolean (default "PredictedLabel").</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, or no row has a finite score.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public BinaryClassificationMetrics EvaluateNonCalibrated(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(data);
        return Accumulate(data, labelColumnName, scoreColumnName, null, predictedLabelColumnName).ToMetrics();
    }

    /// <summary>
    /// Cross-validates <paramref name="estimator"/> (ML.NET's <c>BinaryClassificationCatalog.CrossValidate</c>): the
    /// rows are split into <paramref name="numberOfFolds"/> folds; for each fold the estimator is fitted on the other
    /// folds and its model evaluated with <see cref="Evaluate"/> (default column names) on the fold. Folds are lazy
    /// filtered views of <paramref name="data"/>, assigned by a seeded hash of each row's id (or of its sampling key),
    /// so they are near, not exactly, equal in size.
    /// </summary>
    /// <param name="data">The data, with a Boolean label.</param>
    /// <param name="estimator">The pipeline to fit; its model must output Score, Probability and PredictedLabel.</param>
    /// <param name="numberOfFolds">The number of folds (≥ 2, default 5).</param>
    /// <param name="labelColumnName">The label column of the scored data (default "Label").</param>
    /// <param name="samplingKeyColumnName">Rows with the same value in this column stay in one fold (default null: rows are split independently).</param>
    /// <param name="seed">The seed of the fold assignment (default null: drawn from the context's seed).</param>
    /// <returns>One result per fold: metrics, model, scored hold-out set and fold index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> &lt; 2.</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing or of an unsupported type, or a column read in evaluation is.</exception>
    /// <exception cref="ArgumentException">A fold holds no row to evaluate.</exception>
    public IReadOnlyList<CrossValidationResult<CalibratedBinaryClassificationMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null)
        => CrossValidator.Run(Context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));

    /// <summary>
    /// Cross-validates <paramref name="estimator"/> without probabilities (ML.NET's
    /// <c>BinaryClassificationCatalog.CrossValidateNonCalibrated</c>); otherwise as <see cref="CrossValidate"/>.
    /// </summary>
    /// <param name="data">The data, with a Boolean label.</param>
    /// <param name="estimator">The pipeline to fit; its model must output Score and PredictedLabel.</param>
    /// <param name="numberOfFolds">The number of folds (≥ 2, default 5).</param>
    /// <param name="labelColumnName">The label column of the scored data (default "Label").</param>
    /// <param name="samplingKeyColumnName">Rows with the same value in this column stay in one fold (default null).</param>
    /// <param name="seed">The seed of the fold assignment (default null: drawn from the context's seed).</param>
    /// <returns>One result per fold.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> &lt; 2.</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing or of an unsupported type, or a column read in evaluation is.</exception>
    /// <exception cref="ArgumentException">A fold holds no row to evaluate.</exception>
    public IReadOnlyList<CrossValidationResult<BinaryClassificationMetrics>> CrossValidateNonCalibrated(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null)
        => CrossValidator.Run(Context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => EvaluateNonCalibrated(scored, labelColumnName));

    private static BinaryClassificationAccumulator Accumulate(IDataView data, string labelColumnName, string scoreColumnName,
        string? probabilityColumnName, string predictedLabelColumnName)
    {
        var label = EvaluationInput.Require(data, labelColumnName, nameof(labelColumnName), "Boolean", t => t is BooleanDataViewType);
        var score = EvaluationInput.Require(data, scoreColumnName, nameof(scoreColumnName), "Single", EvaluationInput.IsSingle);
        var predicted = EvaluationInput.Require(data, predictedLabelColumnName, nameof(predictedLabelColumnName), "Boolean", t => t is BooleanDataViewType);
        DataViewSchema.Column? probability = probabilityColumnName is null
            ? null
            : EvaluationInput.Require(data, probabilityColumnName, nameof(probabilityColumnName), "Single", EvaluationInput.IsSingle);
        var accumulator = new BinaryClassificationAccumulator();
        using (var cursor = data.GetRowCursor(probability is { } p ? [label, score, predicted, p] : [label, score, predicted]))
        {
            var getLabel = cursor.GetGetter<bool>(label);
            var getScore = cursor.GetGetter<float>(score);
            var getPredicted = cursor.GetGetter<bool>(predicted);
            ValueGetter<float> getProbability = probability is { } column ? cursor.GetGetter<float>(column) : (ref float p) => p = float.NaN;
            bool labelValue = false;
            bool predictedValue = false;
            float scoreValue = 0;
            float probabilityValue = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref labelValue);
                getScore(ref scoreValue);
                getPredicted(ref predictedValue);
                getProbability(ref probabilityValue);
                accumulator.Add(labelValue, scoreValue, predictedValue, probabilityValue);
            }
        }

        EvaluationInput.ThrowIfEmpty(accumulator.Count, "rows", $"{accumulator.SkippedRows} skipped for a non-finite score");
        return accumulator;
    }
}
