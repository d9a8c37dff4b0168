namespace MLNet.Recurrent.Data;

/// <summary>
/// Evaluation results of a multiclass classifier (ML.NET's MulticlassClassificationMetrics), as returned by
/// <c>mlContext.MulticlassClassification.Evaluate</c>. The predicted class of a row is the arg-max of its score
/// vector (the lowest class index among tied maxima); pᵢ is the score of row i's actual class, read as a
/// probability and clipped to [10⁻¹⁵, 1]; m is the number of rows evaluated.
/// </summary>
public sealed class MulticlassClassificationMetrics
{
    internal MulticlassClassificationMetrics(double microAccuracy, double macroAccuracy, double logLoss, double logLossReduction,
        int topKPredictionCount, IReadOnlyList<double>? topKAccuracyForAllK, IReadOnlyList<double> perClassLogLoss, ConfusionMatrix confusionMatrix)
    {
        MicroAccuracy = microAccuracy;
        MacroAccuracy = macroAccuracy;
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        TopKPredictionCount = topKPredictionCount;
        TopKAccuracyForAllK = topKAccuracyForAllK;
        PerClassLogLoss = perClassLogLoss;
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>Micro-averaged accuracy: the fraction of rows whose predicted class is the actual class.</summary>
    public double MicroAccuracy { get; }

    /// <summary>
    /// Macro-averaged accuracy: the mean over the classes present in the data of each class's recall (the fraction of
    /// its rows predicted correctly), so every class weighs the same whatever its size.
    /// </summary>
    public double MacroAccuracy { get; }

    /// <summary>
    /// Log-loss in nats (natural log, as ML.NET's multiclass evaluator): LL = −(1/m) Σᵢ ln pᵢ. A row whose label is
    /// a class beyond the score vector counts with p = 10⁻¹⁵.
    /// </summary>
    public double LogLoss { get; }

    /// <summary>
    /// Log-loss reduction against the prior: (H − LL) / H with H = −Σ_c π_c ln π_c the entropy of the test-set class
    /// frequencies π_c. A fraction (ML.NET 1.x); ±∞ or NaN when a single class is present (H = 0).
    /// </summary>
    public double LogLossReduction { get; }

    /// <summary>
    /// Top-K accuracy for K = <see cref="TopKPredictionCount"/>: the fraction of rows whose actual class is among
    /// the K highest scores (ties broken towards the lower class index, as for the predicted class). 0 when
    /// <see cref="TopKPredictionCount"/> is 0.
    /// </summary>
    public double TopKAccuracy => TopKAccuracyForAllK is { Count: > 0 } all ? all[^1] : 0;

    /// <summary>The K of <see cref="TopKAccuracy"/>; 0 when top-K accuracy was not requested.</summary>
    public int TopKPredictionCount { get; }

    /// <summary>Top-K accuracy for every K = 1 … <see cref="TopKPredictionCount"/> (element K − 1); null when it was not requested.</summary>
    public IReadOnlyList<double>? TopKAccuracyForAllK { get; }

    /// <summary>Log-loss of the rows of each class: −(1/m_c) Σ_{i of class c} ln pᵢ; 0 for a class with no rows.</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; }

    /// <summary>The confusion matrix (actual class × predicted class).</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
