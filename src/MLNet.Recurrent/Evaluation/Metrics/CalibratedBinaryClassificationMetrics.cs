namespace MLNet.Recurrent.Data;

/// <summary>
/// Evaluation results of a binary classifier that outputs probabilities (ML.NET's
/// CalibratedBinaryClassificationMetrics), as returned by <c>mlContext.BinaryClassification.Evaluate</c>: the
/// metrics of <see cref="BinaryClassificationMetrics"/> plus the probabilistic ones, in bits (log base 2) as in
/// ML.NET.
/// </summary>
public sealed class CalibratedBinaryClassificationMetrics : BinaryClassificationMetrics
{
    internal CalibratedBinaryClassificationMetrics(BinaryClassificationMetrics metrics, double logLoss, double logLossReduction, double entropy)
        : base(metrics)
    {
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        Entropy = entropy;
    }

    /// <summary>
    /// Log-loss in bits: LL = −(1/m) Σᵢ log₂ qᵢ, where qᵢ is the predicted probability of row i's actual class
    /// (pᵢ for a positive, 1 − pᵢ for a negative). Not clipped, as in ML.NET: a probability of exactly 0 for the
    /// actual class gives +∞; a NaN probability gives NaN.
    /// </summary>
    public double LogLoss { get; }

    /// <summary>
    /// Log-loss reduction (relative information gain) against the prior: (H − LL) / H with H the test-set entropy
    /// (<see cref="Entropy"/>); 1 for a perfect model, 0 for one that predicts the prior, negative for worse ones.
    /// A fraction, not a percentage (ML.NET 1.x). ±∞ or NaN when only one class is present (H = 0).
    /// </summary>
    public double LogLossReduction { get; }

    /// <summary>
    /// Test-set entropy in bits (the log-loss of always predicting the test-set prior π = P / (P + N)):
    /// H = −π log₂ π − (1 − π) log₂(1 − π), with 0 · log 0 = 0.
    /// </summary>
    public double Entropy { get; }
}
