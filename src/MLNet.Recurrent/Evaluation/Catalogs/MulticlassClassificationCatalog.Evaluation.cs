using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent;

public sealed partial class MulticlassClassificationCatalog
{
    /// <summary>
    /// Evaluates scored multiclass classification data (ML.NET's <c>MulticlassClassificationCatalog.Evaluate</c>)
    /// in one streaming pass, O(C²) memory for C classes. Class c is key c + 1 of the label and slot c of the score
    /// vector; the predicted class is the arg-max of the scores, as in ML.NET. Rows with a missing label (key 0) or a
    /// non-finite score are skipped.
    /// </summary>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The actual class, a key (default "Label").</param>
    /// <param name="scoreColumnName">The class probabilities, Vector&lt;Single&gt; of known size C (default "Score").</param>
    /// <param name="predictedLabelColumnName">The predicted class (default "PredictedLabel"). Not read: the predicted class is the
    /// arg-max of the scores, so the column may be absent or already mapped back to its values (ML.NET's usual
    /// <c>MapKeyToValue("PredictedLabel")</c> before evaluation); kept for ML.NET's signature. The name must not be empty.</param>
    /// <param name="topKPredictionCount">K for <see cref="MulticlassClassificationMetrics.TopKAccuracy"/> (≥ 0, default 0: not computed).</param>
    /// <returns>The metrics, log-loss in nats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topKPredictionCount"/> is negative.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, or no row could be evaluated.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public MulticlassClassificationMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel", int topKPredictionCount = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (topKPredictionCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(topKPredictionCount), topKPredictionCount,
                $"{nameof(topKPredictionCount)}: expected ≥ 0, got {topKPredictionCount}.");
        }

        var label = EvaluationInput.Require(data, labelColumnName, nameof(labelColumnName), "Key", t => t is KeyDataViewType);
        var score = EvaluationInput.Require(data, scoreColumnName, nameof(scoreColumnName), "Vector<Single> of known size",
            t => EvaluationInput.IsSingleVector(t) && ((VectorDataViewType)t).IsKnownSize);
        ArgumentException.ThrowIfNullOrEmpty(predictedLabelColumnName);
        int classes = ((VectorDataViewType)score.Type).Size;
        var accumulator = new MulticlassClassificationAccumulator(classes, topKPredictionCount);
        using (var cursor = data.GetRowCursor([label, score]))
        {
            var getLabel = cursor.GetGetter<uint>(label);
            var getScore = cursor.GetGetter<VBuffer<float>>(score);
            uint key = 0;
            var scores = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getLabel(ref key);
                getScore(ref scores);
                accumulator.Add((int)key - 1, scores.GetValues());
            }
        }

        EvaluationInput.ThrowIfEmpty(accumulator.Count, "rows", $"{accumulator.SkippedRows} skipped for a missing label or a non-finite score");
        return accumulator.ToMetrics(EvaluationInput.ClassNames(label, classes));
    }

    /// <summary>
    /// Cross-validates <paramref name="estimator"/> (ML.NET's <c>MulticlassClassificationCatalog.CrossValidate</c>):
    /// for each of <paramref name="numberOfFolds"/> folds, fits on the other folds and evaluates with
    /// <see cref="Evaluate"/> (default column names) on the fold. Folds are lazy filtered views assigned by a seeded
    /// hash of each row's id (or sampling key), so they are near, not exactly, equal in size.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="estimator">The pipeline to fit; its model must output a key Label, Score and PredictedLabel.</param>
    /// <param name="numberOfFolds">The number of folds (≥ 2, default 5).</param>
    /// <param name="labelColumnName">The label column of the scored data (default "Label").</param>
    /// <param name="samplingKeyColumnName">Rows with the same value in this column stay in one fold (default null).</param>
    /// <param name="seed">The seed of the fold assignment (default null: drawn from the context's seed).</param>
    /// <returns>One result per fold: metrics, model, scored hold-out set and fold index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> &lt; 2.</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing or of an unsupported type, or a column read in evaluation is.</exception>
    /// <exception cref="ArgumentException">A fold holds no row to evaluate.</exception>
    public IReadOnlyList<CrossValidationResult<MulticlassClassificationMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator,
        int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null)
        => CrossValidator.Run(Context, data, estimator, numberOfFolds, samplingKeyColumnName, seed, scored => Evaluate(scored, labelColumnName));
}
