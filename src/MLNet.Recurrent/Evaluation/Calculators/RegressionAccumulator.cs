using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Accumulates regression metrics one row at a time in constant memory (see <see cref="RegressionMetrics"/>). The
/// label variance for R² is accumulated with Welford's update, which avoids the cancellation of Σy² − (Σy)²/m.
/// </summary>
internal sealed class RegressionAccumulator
{
    private double _absoluteErrorSum;
    private double _squaredErrorSum;
    private double _labelMean;
    private double _labelSquaredDeviations;

    /// <summary>Rows counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Rows skipped because the label or the score was NaN (as ML.NET skips them).</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Adds one row.</summary>
    /// <param name="label">The actual value.</param>
    /// <param name="score">The predicted value.</param>
    public void Add(float label, float score)
    {
        if (float.IsNaN(label) || float.IsNaN(score))
        {
            SkippedRows++;
            return;
        }

        Count++;
        double error = (double)label - score;
        _absoluteErrorSum += Math.Abs(error);
        _squaredErrorSum += error * error;
        double delta = label - _labelMean;
        _labelMean += delta / Count;
        _labelSquaredDeviations += delta * (label - _labelMean);
    }

    /// <summary>The metrics of the rows added.</summary>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No row was added.</exception>
    public RegressionMetrics ToMetrics()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No rows were added.");
        }

        double meanSquaredError = _squaredErrorSum / Count;
        return new RegressionMetrics(
            _absoluteErrorSum / Count,
            meanSquaredError,
            Math.Sqrt(meanSquaredError),
            meanSquaredError,
            1 - (_squaredErrorSum / _labelSquaredDeviations));
    }
}
