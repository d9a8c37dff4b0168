namespace MLNet.Recurrent.Data;

/// <summary>
/// Token-level evaluation of a sequence tagger (one predicted tag per input step; no ML.NET counterpart), as returned
/// by <c>mlContext.MulticlassClassification.EvaluateSequenceTagging</c>. Padding steps (label key 0) are skipped.
/// For each tag t, over the evaluated tokens: TPₜ = tokens of tag t predicted t, FPₜ = tokens of another tag
/// predicted t, FNₜ = tokens of tag t predicted otherwise (a missing prediction included). An optional
/// "outside" tag (such as O in BIO tagging) is left out of the F1 averages but not out of the token accuracy.
/// </summary>
public sealed class SequenceTaggingMetrics
{
    internal SequenceTaggingMetrics(long numberOfTokens, double tokenAccuracy, double microF1Score, double macroF1Score,
        IReadOnlyList<double> perTagPrecision, IReadOnlyList<double> perTagRecall, IReadOnlyList<double> perTagF1Score, ConfusionMatrix confusionMatrix)
    {
        NumberOfTokens = numberOfTokens;
        TokenAccuracy = tokenAccuracy;
        MicroF1Score = microF1Score;
        MacroF1Score = macroF1Score;
        PerTagPrecision = perTagPrecision;
        PerTagRecall = perTagRecall;
        PerTagF1Score = perTagF1Score;
        ConfusionMatrix = confusionMatrix;
    }

    /// <summary>The number of non-padding tokens evaluated.</summary>
    public long NumberOfTokens { get; }

    /// <summary>The fraction of non-padding tokens whose predicted tag is the actual tag.</summary>
    public double TokenAccuracy { get; }

    /// <summary>
    /// Micro-averaged F1 over the tags other than the outside tag: 2 ΣTP / (2 ΣTP + ΣFP + ΣFN); 0 when no such tag
    /// occurs. Without an outside tag it equals <see cref="TokenAccuracy"/> unless some predictions are missing.
    /// </summary>
    public double MicroF1Score { get; }

    /// <summary>
    /// Macro-averaged F1: the mean of <see cref="PerTagF1Score"/> over the tags (other than the outside tag) that
    /// occur in the labels or the predictions; 0 when none does.
    /// </summary>
    public double MacroF1Score { get; }

    /// <summary>Precision of each tag: TPₜ / (TPₜ + FPₜ); 0 when tag t is never predicted.</summary>
    public IReadOnlyList<double> PerTagPrecision { get; }

    /// <summary>Recall of each tag: TPₜ / (TPₜ + FNₜ); 0 when tag t never occurs.</summary>
    public IReadOnlyList<double> PerTagRecall { get; }

    /// <summary>F1 of each tag: 2 PₜRₜ / (Pₜ + Rₜ); 0 when both are 0.</summary>
    public IReadOnlyList<double> PerTagF1Score { get; }

    /// <summary>Token confusion matrix (actual tag × predicted tag), over the tokens that have a predicted tag.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
