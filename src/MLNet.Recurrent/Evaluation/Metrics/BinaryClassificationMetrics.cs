namespace MLNet.Recurrent.Data;

/// <summary>
/// Evaluation results of a binary classifier (ML.NET's BinaryClassificationMetrics), as returned by
/// <c>mlContext.BinaryClassification.EvaluateNonCalibrated</c>. With TP, FP, TN, FN the counts of true and false
/// positives and negatives (from the predicted label), P = TP + FN positives and N = TN + FP negatives.
/// </summary>
public class BinaryClassificationMetrics
{
    private protected BinaryClassificationMetrics(BinaryClassificationMetrics other)
        : this(other.AreaUnderRocCurve, other.Accuracy, other.PositivePrecision, other.PositiveRecall, other.NegativePrecision,
            other.NegativeRecall, other.F1Score, other.AreaUnderPrecisionRecallCurve, other.ConfusionMatrix)
    {
    }

    internal BinaryClassificationMetrics(double areaUnderRocCurve, double accuracy, double positivePrecision, double positiveRecall,
        double negativePrecision, double negativeRecall, double f1Score, double areaUnderPrecisionRecallCurve, ConfusionMatrix confusionMatrix)
    {
        AreaUnderRocCurve = areaUnderRocCurve;
        Accuracy = accuracy;
        PositivePrecision = positivePrecision;
        PositiveRecall = positiveRecall;
        NegativePrecision = negativePrecision;
        NegativeRecall = negativeRecall;
        F1Score = f1Score;
        AreaUnderPrecisionRecallCurve = areaUnderPrecisionRecallCurve;
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores higher than a random negative, ties
    /// counting one half (the Mann–Whitney statistic): AUC = (1 / (P·N)) Σ_{pos i, neg j} ([sᵢ &gt; sⱼ] + ½[sᵢ = sⱼ]).
    /// NaN when only one class is present.
    /// </summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>Accuracy = (TP + TN) / (P + N).</summary>
    public double Accuracy { get; }

    /// <summary>Positive precision = TP / (TP + FP); 0 when nothing is predicted positive.</summary>
    public double PositivePrecision { get; }

    /// <summary>Positive recall = TP / P; 0 when there are no positives.</summary>
    public double PositiveRecall { get; }

    /// <summary>Negative precision = TN / (TN + FN); 0 when nothing is predicted negative.</summary>
    public double NegativePrecision { get; }

    /// <summary>Negative recall = TN / N; 0 when there are no negatives.</summary>
    public double NegativeRecall { get; }

    /// <summary>
    /// F1 = 2 · PositivePrecision · PositiveRecall / (PositivePrecision + PositiveRecall); NaN when both are 0
    /// (as in ML.NET).
    /// </summary>
    public double F1Score { get; }

    /// <summary>
    /// Area under the precision–recall curve by the lower-trapezoid estimator (ML.NET's): rows sorted by decreasing
    /// score; each time recall rises from r to r′, the area gains (r′ − r) · (p_min(r) + p(r′)) / 2, where p_min(r)
    /// is the lowest precision seen at recall r (starting from precision 1 at recall 0). Rows with equal scores move
    /// together (one threshold), so the result does not depend on row order; without ties it equals ML.NET's value.
    /// 0 when there are no positives.
    /// </summary>
    public double AreaUnderPrecisionRecallCurve { get; }

    /// <summary>The confusion matrix, class 0 = positive, class 1 = negative (ML.NET's order).</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
