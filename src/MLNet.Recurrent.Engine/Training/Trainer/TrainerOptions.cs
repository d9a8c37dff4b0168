namespace MLNet.Recurrent.Engine.Training;

/// <summary>How the <see cref="Trainer"/> runs. Every property has a default; <see cref="Validate"/> checks them all.</summary>
public sealed class TrainerOptions
{
    /// <summary>The maximum number of passes over the training set. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the trainer's generator: validation split, shuffling and batch order. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>Reshuffle the training set every epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Group examples of similar length into the same batch (sorted within pools of
    /// <see cref="BucketPoolBatches"/> batches after shuffling; batch order then shuffled), so variable-length batches
    /// waste little padding. Default false.
    /// </summary>
    public bool BucketByLength { get; init; }

    /// <summary>How many batches' worth of examples are sorted together when bucketing. Default 50.</summary>
    public int BucketPoolBatches { get; init; } = 50;

    /// <summary>
    /// When no validation set is passed, this fraction of the training set (chosen with <see cref="Seed"/>) is held
    /// out for validation; 0 means no validation. Default 0.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>The validation metric that early stopping and plateau schedules watch. Default "loss".</summary>
    public string MonitorMetric { get; init; } = "loss";

    /// <summary>Whether a larger monitored metric is better (e.g. accuracy). Default false (lower is better).</summary>
    public bool MaximizeMetric { get; init; }

    /// <summary>
    /// Stop after this many epochs without an improvement of the monitored metric larger than
    /// <see cref="EarlyStoppingMinDelta"/>, and restore the best weights; null disables early stopping. Default null.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>The smallest change that counts as an improvement. Default 0.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>Clip the global L2 norm of the gradients to this value before each step; null = no clipping. Default null.</summary>
    public float? ClipGradientNorm { get; init; }

    /// <summary>Clip every gradient element to [−v, v] before each step; null = no clipping. Default null.</summary>
    public float? ClipGradientValue { get; init; }

    /// <summary>Truncated BPTT: feed sequences this many steps at a time (the task must implement <see cref="ITruncatedBpttTask{TExample}"/>); null = full BPTT. Default null.</summary>
    public int? TruncatedBpttSteps { get; init; }

    /// <summary>Send a step report through the progress callback every this many optimizer steps (epoch-end reports are always sent). Default 10.</summary>
    public int ProgressEveryNSteps { get; init; } = 10;

    /// <summary>
    /// Record diagnostics (gradient norm profile ‖∂L/∂h_t‖ of every recurrent layer, spectral norms of every W_hh)
    /// every this many steps, plus at step 1; 0 = never. The global gradient norm is recorded at every step regardless. Default 0.
    /// </summary>
    public int DiagnosticsEveryNSteps { get; init; }

    /// <summary>
    /// Step the learning-rate schedule after every optimizer step (e.g. <see cref="CosineWithWarmup"/> counted in
    /// steps) instead of once per epoch (e.g. <see cref="StepLR"/>, and <see cref="ReduceLROnPlateau"/>, which gets the
    /// monitored validation metric). Default false.
    /// </summary>
    public bool StepScheduleEveryBatch { get; init; }

    /// <summary>Write a checkpoint here (atomically: temporary file, then rename) at the end of every epoch; null = none. Default null.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(BucketPoolBatches >= 1, nameof(BucketPoolBatches), BucketPoolBatches, "at least 1");
        Require(ValidationFraction >= 0 && ValidationFraction < 1, nameof(ValidationFraction), ValidationFraction, "a fraction in [0, 1)");
        Require(EarlyStoppingPatience is null or >= 1, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "null or at least 1");
        Require(EarlyStoppingMinDelta >= 0, nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, "a non-negative change");
        Require(ClipGradientNorm is null || ClipGradientNorm > 0, nameof(ClipGradientNorm), ClipGradientNorm, "null or a positive norm");
        Require(ClipGradientValue is null || ClipGradientValue > 0, nameof(ClipGradientValue), ClipGradientValue, "null or a positive value");
        Require(TruncatedBpttSteps is null or >= 1, nameof(TruncatedBpttSteps), TruncatedBpttSteps, "null or at least 1 step");
        Require(ProgressEveryNSteps >= 1, nameof(ProgressEveryNSteps), ProgressEveryNSteps, "at least 1");
        Require(DiagnosticsEveryNSteps >= 0, nameof(DiagnosticsEveryNSteps), DiagnosticsEveryNSteps, "0 (off) or a positive interval");
        Require(!string.IsNullOrWhiteSpace(MonitorMetric), nameof(MonitorMetric), MonitorMetric, "a metric name");
    }

    private static void Require(bool condition, string name, object? actual, string expected)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, actual, $"{name}: expected {expected}, got {actual ?? "null"}.");
        }
    }
}
