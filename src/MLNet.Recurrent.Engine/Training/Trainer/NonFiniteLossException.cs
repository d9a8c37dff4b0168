namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Thrown when training meets a loss or gradient that is NaN or infinite. The model keeps the last weights that
/// produced a finite loss with finite gradients (the trainer restores them before throwing).
/// </summary>
public sealed class NonFiniteLossException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">The epoch (1-based).</param>
    /// <param name="step">The global optimizer step (1-based) at which it happened.</param>
    /// <param name="what">"loss" or "gradient norm".</param>
    /// <param name="value">The offending value.</param>
    public NonFiniteLossException(int epoch, long step, string what, double value)
        : base($"Training stopped at epoch {epoch}, step {step}: the {what} is {value} (expected a finite value). " +
               "The model holds the last weights that gave a finite loss; lower the learning rate or clip gradients (TrainerOptions.ClipGradientNorm).")
    {
        Epoch = epoch;
        Step = step;
        What = what;
        Value = value;
    }

    /// <summary>The epoch (1-based).</summary>
    public int Epoch { get; }

    /// <summary>The global optimizer step (1-based).</summary>
    public long Step { get; }

    /// <summary>"loss" or "gradient norm".</summary>
    public string What { get; }

    /// <summary>The offending value.</summary>
    public double Value { get; }
}
