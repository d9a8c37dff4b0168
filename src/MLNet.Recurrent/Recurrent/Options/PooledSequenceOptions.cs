namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Options of the estimators that predict one value (or one vector) per sequence — classification, regression and
/// forecasting: the recurrent layers' outputs are summarised into one vector of D·H features, either the final hidden
/// state or an attention-weighted average, and a linear head maps it to the prediction.
/// </summary>
public abstract class PooledSequenceOptions : RecurrentOptions
{
    /// <summary>
    /// How the sequence is summarised: <see cref="RecurrentAttention.None"/> (the final hidden state),
    /// <see cref="RecurrentAttention.Pooling"/> (learned query), <see cref="RecurrentAttention.Additive"/> or
    /// <see cref="RecurrentAttention.Luong"/> (queried by the final hidden state). Default None.
    /// </summary>
    public RecurrentAttention Attention { get; set; } = RecurrentAttention.None;

    /// <summary>A, the features inside the tanh of Pooling and Additive attention; null for D·H. Default null.</summary>
    public int? AttentionSize { get; set; }

    /// <inheritdoc/>
    internal override void Validate()
    {
        base.Validate();
        Require(Enum.IsDefined(Attention), nameof(Attention), Attention, "a defined RecurrentAttention");
        Require(AttentionSize is null or >= 1, nameof(AttentionSize), AttentionSize, "null or at least 1");
    }
}
