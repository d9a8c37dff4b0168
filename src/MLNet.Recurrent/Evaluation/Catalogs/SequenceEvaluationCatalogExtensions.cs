using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent;

/// <summary>
/// Evaluation of sequence outputs, as extension methods of <c>mlContext.MulticlassClassification</c> (a sequence
/// tagger or decoder is a multiclass classifier per step; ML.NET has no catalog for these, and an extension keeps the
/// real ML.NET catalog extensible in the same way).
/// </summary>
public static class SequenceEvaluationCatalogExtensions
{
    /// <summary>
    /// Evaluates a sequence tagger token by token in one streaming pass, O(T²) memory for T tags: token accuracy,
    /// per-tag precision, recall and F1, their micro and macro averages, and the token confusion matrix. Step i of
    /// the label is compared with step i of the prediction; label key 0 marks padding and is skipped; a predicted key
    /// 0 counts as a wrong prediction.
    /// </summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The actual tags, a vector of keys (default "Label").</param>
    /// <param name="predictedLabelColumnName">The predicted tags, a vector of keys over the same tags and of the same length per row (default "PredictedLabel").</param>
    /// <param name="outsideTag">A tag (by its key value, e.g. "O") left out of the F1 averages (default null: none).</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is empty, <paramref name="outsideTag"/> is not a tag of the label, a row's two sequences differ in length, or there is no token to evaluate.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public static SequenceTaggingMetrics EvaluateSequenceTagging(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string predictedLabelColumnName = "PredictedLabel", string? outsideTag = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var label = EvaluationInput.Require(data, labelColumnName, nameof(labelColumnName), "Vector<Key>",
            t => t is VectorDataViewType { ItemType: KeyDataViewType });
        int tags = EvaluationInput.KeyCount(label.Type);
        var predicted = EvaluationInput.Require(data, predictedLabelColumnName, nameof(predictedLabelColumnName),
            $"Vector<Key> of {tags} keys like '{labelColumnName}'", t => t is VectorDataViewType { ItemType: KeyDataViewType } && EvaluationInput.KeyCount(t) == tags);
        string[] tagNames = EvaluationInput.ClassNames(label, tags);
        int outside = outsideTag is null ? -1 : Array.IndexOf(tagNames, outsideTag);
        if (outsideTag is not null && outside < 0)
        {
            throw new ArgumentException($"{nameof(outsideTag)}: expected one of the tags of '{labelColumnName}' ({string.Join(", ", tagNames)}), got '{outsideTag}'.", nameof(outsideTag));
        }

        var accumulator = new SequenceTaggingAccumulator(tags, outside);
        using (var cursor = data.GetRowCursor([label, predicted]))
        {
            var readLabel = SequenceItemReader.Create(cursor, label, dropMissing: false);
            var readPredicted = SequenceItemReader.Create(cursor, predicted, dropMissing: false);
            while (cursor.MoveNext())
            {
                var actual = readLabel.Read();
                var guess = readPredicted.Read();
                if (actual.Length != guess.Length)
                {
                    throw new ArgumentException(
                        $"{EvaluationInput.DataParameter}: row {cursor.Position}: column '{predictedLabelColumnName}' expected {actual.Length} steps like '{labelColumnName}', got {guess.Length}.",
                        EvaluationInput.DataParameter);
                }

                accumulator.Add(actual, guess);
            }
        }

        EvaluationInput.ThrowIfEmpty(accumulator.Count, "tokens", "label key 0 marks padding");
        return accumulator.ToMetrics(tagNames);
    }

    /// <summary>
    /// Evaluates a sequence-to-sequence model in one streaming pass: exact match, position-wise token accuracy, and
    /// the Levenshtein edit distance (mean, and normalised by the target length as a token or character error rate).
    /// Key 0 items (padding) are dropped from both sequences first.
    /// </summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The target sequence: a vector of keys (items = tokens) or Text (items = characters) (default "Label").</param>
    /// <param name="predictedLabelColumnName">The predicted sequence, of the same kind (keys over the same vocabulary) (default "PredictedLabel").</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is empty, or there is no row.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public static SequenceToSequenceMetrics EvaluateSequenceToSequence(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var label = EvaluationInput.Require(data, labelColumnName, nameof(labelColumnName), "Vector<Key> or String",
            t => t is TextDataViewType or VectorDataViewType { ItemType: KeyDataViewType });
        var predicted = label.Type is TextDataViewType
            ? EvaluationInput.Require(data, predictedLabelColumnName, nameof(predictedLabelColumnName), $"String like '{labelColumnName}'", t => t is TextDataViewType)
            : EvaluationInput.Require(data, predictedLabelColumnName, nameof(predictedLabelColumnName),
                $"Vector<Key> of {EvaluationInput.KeyCount(label.Type)} keys like '{labelColumnName}'",
                t => t is VectorDataViewType { ItemType: KeyDataViewType } && EvaluationInput.KeyCount(t) == EvaluationInput.KeyCount(label.Type));
        var accumulator = new SequenceToSequenceAccumulator();
        using (var cursor = data.GetRowCursor([label, predicted]))
        {
            var readLabel = SequenceItemReader.Create(cursor, label, dropMissing: true);
            var readPredicted = SequenceItemReader.Create(cursor, predicted, dropMissing: true);
            while (cursor.MoveNext())
            {
                accumulator.Add(readLabel.Read(), readPredicted.Read());
            }
        }

        EvaluationInput.ThrowIfEmpty(accumulator.Count, "rows");
        return accumulator.ToMetrics();
    }
}
