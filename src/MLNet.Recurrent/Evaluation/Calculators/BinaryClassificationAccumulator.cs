using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Accumulates binary classification metrics one row at a time (ML.NET's definitions, see
/// <see cref="BinaryClassificationMetrics"/> and <see cref="CalibratedBinaryClassificationMetrics"/>). Counts and
/// log-loss take constant memory; the ROC and precision–recall areas need every (score, label) pair, so those are
/// kept (8 bytes a row), as ML.NET keeps its scores.
/// </summary>
internal sealed class BinaryClassificationAccumulator
{
    private readonly List<(float Score, bool Label)> _ranked = [];
    private double _truePositives;
    private double _falsePositives;
    private double _trueNegatives;
    private double _falseNegatives;
    private double _logLossSum;
    private double _logLossPositives;
    private double _logLossNegatives;

    /// <summary>Rows counted so far.</summary>
    public long Count => _ranked.Count;

    /// <summary>Rows skipped because their score was NaN or infinite (as ML.NET skips them).</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Adds one row.</summary>
    /// <param name="label">The actual class (true = positive).</param>
    /// <param name="score">The model's score (ranks rows for the areas); a non-finite score skips the row.</param>
    /// <param name="predictedLabel">The predicted class.</param>
    /// <param name="probability">The predicted probability of the positive class, or NaN when there is none.</param>
    public void Add(bool label, float score, bool predictedLabel, float probability = float.NaN)
    {
        if (!float.IsFinite(score))
        {
            SkippedRows++;
            return;
        }

        _ranked.Add((score, label));
        switch ((label, predictedLabel))
        {
            case (true, true): _truePositives++; break;
            case (true, false): _falseNegatives++; break;
            case (false, true): _falsePositives++; break;
            default: _trueNegatives++; break;
        }

        if (float.IsNaN(probability))
        {
            _logLossSum = double.NaN;
            return;
        }

        _logLossSum -= Math.Log2(label ? probability : 1.0 - probability);
        if (label)
        {
            _logLossPositives++;
        }
        else
        {
            _logLossNegatives++;
        }
    }

    /// <summary>The threshold and ranking metrics of the rows added.</summary>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No row was added.</exception>
    public BinaryClassificationMetrics ToMetrics()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No rows were added.");
        }

        var (auc, auprc) = RankingAreas.Compute(_ranked);
        double positivePrecision = Ratio(_truePositives, _truePositives + _falsePositives);
        double positiveRecall = Ratio(_truePositives, _truePositives + _falseNegatives);
        var confusion = new ConfusionMatrix(
            [[_truePositives, _falseNegatives], [_falsePositives, _trueNegatives]], ["positive", "negative"]);
        return new BinaryClassificationMetrics(
            auc,
            (_truePositives + _trueNegatives) / Count,
            positivePrecision,
            positiveRecall,
            Ratio(_trueNegatives, _trueNegatives + _falseNegatives),
            Ratio(_trueNegatives, _trueNegatives + _falsePositives),
            2 * positivePrecision * positiveRecall / (positivePrecision + positiveRecall),
            auprc,
            confusion);
    }

    /// <summary>The metrics of <see cref="ToMetrics"/> plus log-loss, its reduction and the test-set entropy (bits).</summary>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No row was added.</exception>
    public CalibratedBinaryClassificationMetrics ToCalibratedMetrics()
    {
        var metrics = ToMetrics();
        double entropy = BinaryEntropy((_truePositives + _falseNegatives) / Count);
        double probabilityRows = _logLossPositives + _logLossNegatives;
        double logLoss = double.IsNaN(_logLossSum) ? double.NaN : _logLossSum / probabilityRows;
        double prior = BinaryEntropy(_logLossPositives / probabilityRows);
        return new CalibratedBinaryClassificationMetrics(metrics, logLoss, (prior - logLoss) / prior, entropy);
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;

    private static double BinaryEntropy(double p)
        => p <= 0 || p >= 1 ? 0 : -(p * Math.Log2(p)) - ((1 - p) * Math.Log2(1 - p));
}
