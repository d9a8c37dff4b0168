namespace MLNet.Recurrent.Data;

/// <summary>
/// Evaluation of a sequence-to-sequence model (no ML.NET counterpart), as returned by
/// <c>mlContext.MulticlassClassification.EvaluateSequenceToSequence</c>: each row's predicted sequence ŷ against
/// its target y, after dropping padding (key 0). Items are the tokens of a key-vector column or the characters of a
/// text column, so the edit distances are token or character distances accordingly.
/// </summary>
public sealed class SequenceToSequenceMetrics
{
    internal SequenceToSequenceMetrics(long numberOfSequences, double exactMatch, double tokenAccuracy, double meanEditDistance, double normalizedEditDistance)
    {
        NumberOfSequences = numberOfSequences;
        ExactMatch = exactMatch;
        TokenAccuracy = tokenAccuracy;
        MeanEditDistance = meanEditDistance;
        NormalizedEditDistance = normalizedEditDistance;
    }

    /// <summary>The number of rows evaluated.</summary>
    public long NumberOfSequences { get; }

    /// <summary>The fraction of rows whose prediction equals the target exactly (same length, same items).</summary>
    public double ExactMatch { get; }

    /// <summary>
    /// Position-wise accuracy: Σ_rows #{i &lt; |y| : i &lt; |ŷ| and ŷᵢ = yᵢ} / Σ_rows |y| (items missing from a
    /// short prediction count as wrong; extra items are not counted here but are by the edit distance). NaN when
    /// every target is empty.
    /// </summary>
    public double TokenAccuracy { get; }

    /// <summary>The mean over rows of the Levenshtein distance d(ŷ, y) (insertions, deletions and substitutions cost 1).</summary>
    public double MeanEditDistance { get; }

    /// <summary>
    /// Σ d(ŷ, y) / Σ |y|: the token (or character) error rate, as WER or CER; NaN when every target is empty.
    /// </summary>
    public double NormalizedEditDistance { get; }
}
