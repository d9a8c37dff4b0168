namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Options of <see cref="SequenceTaggingEstimator"/>: one key label per step of the feature sequence (e.g. a part of
/// speech per word), predicted from the recurrent layer's output at that step (bidirectional layers see both sides).
/// </summary>
public sealed class SequenceTaggingOptions : RecurrentOptions
{
    /// <summary>Creates options; tagging reads both sides of each step, so <see cref="RecurrentOptions.Bidirectional"/> defaults to true here.</summary>
    public SequenceTaggingOptions() => Bidirectional = true;

    /// <summary>The output column of the predicted tags, a variable-length Vector&lt;Key&gt; aligned with the features. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = RecurrentDefaults.PredictedLabel;

    /// <inheritdoc/>
    internal override void Validate()
    {
        base.Validate();
        RequireColumn(PredictedLabelColumnName, nameof(PredictedLabelColumnName));
    }
}
