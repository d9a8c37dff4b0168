namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Options of <see cref="SequenceClassificationEstimator"/>: a Boolean label trains a binary classifier, a key label a
/// multiclass one.
/// </summary>
public sealed class SequenceClassificationOptions : PooledSequenceOptions
{
    /// <summary>The output column of P(label = true) for a binary classifier (ignored for multiclass). Default "Probability".</summary>
    public string ProbabilityColumnName { get; set; } = RecurrentDefaults.Probability;

    /// <summary>The output column of the predicted label (Boolean, or a key of the label's type). Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = RecurrentDefaults.PredictedLabel;

    /// <inheritdoc/>
    internal override void Validate()
    {
        base.Validate();
        RequireColumn(ProbabilityColumnName, nameof(ProbabilityColumnName));
        RequireColumn(PredictedLabelColumnName, nameof(PredictedLabelColumnName));
    }
}
