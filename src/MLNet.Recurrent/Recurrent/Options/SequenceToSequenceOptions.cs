namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Options of <see cref="SequenceToSequenceEstimator"/>: an encoder–decoder that reads a source key sequence
/// (<see cref="RecurrentOptions.FeatureColumnName"/>) and generates a target key sequence
/// (<see cref="RecurrentOptions.LabelColumnName"/> in training, <see cref="PredictedLabelColumnName"/> when
/// transforming). <see cref="RecurrentOptions.ScoreColumnName"/> receives log P(output | source).
/// </summary>
public sealed class SequenceToSequenceOptions : RecurrentOptions
{
    /// <summary>The output column of the generated key sequence. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = RecurrentDefaults.PredictedLabel;

    /// <summary>
    /// The decoder's attention over the encoder outputs: <see cref="RecurrentAttention.None"/>,
    /// <see cref="RecurrentAttention.Additive"/> (Bahdanau) or <see cref="RecurrentAttention.Luong"/> (general score);
    /// Pooling does not apply. Default Luong.
    /// </summary>
    public RecurrentAttention Attention { get; set; } = RecurrentAttention.Luong;

    /// <summary>
    /// Luong input feeding: the previous attentional state is fed to the decoder with the next token (better
    /// alignment, but teacher-forced training then runs step by step, several times slower). Default false.
    /// </summary>
    public bool InputFeeding { get; set; }

    /// <summary>K, hypotheses kept per row by beam search; 1 decodes greedily. Default 1.</summary>
    public int BeamWidth { get; set; } = 1;

    /// <summary>α ≥ 0 of the GNMT length penalty ((5 + |Y|)/6)^α dividing the log-probability in beam search; 0 ranks by log-probability. Default 0.</summary>
    public float LengthPenalty { get; set; }

    /// <summary>
    /// The most decoding steps (end-of-sequence included) per row; null: 1 + max(2 × the longest training target,
    /// 2 × the longest source in the block being decoded). Default null.
    /// </summary>
    public int? MaximumOutputLength { get; set; }

    /// <inheritdoc/>
    internal override void Validate()
    {
        base.Validate();
        RequireColumn(PredictedLabelColumnName, nameof(PredictedLabelColumnName));
        Require(Attention is RecurrentAttention.None or RecurrentAttention.Additive or RecurrentAttention.Luong, nameof(Attention), Attention, "None, Additive or Luong");
        Require(BeamWidth >= 1, nameof(BeamWidth), BeamWidth, "at least 1");
        Require(LengthPenalty >= 0f && float.IsFinite(LengthPenalty), nameof(LengthPenalty), LengthPenalty, "a finite α ≥ 0");
        Require(MaximumOutputLength is null or >= 1, nameof(MaximumOutputLength), MaximumOutputLength, "null or at least 1");
    }
}
