using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Linear warm-up followed by cosine annealing: the learning rate rises linearly over the first W =
/// <see cref="WarmupSteps"/> steps to the base rate η (the optimizer's rate when the schedule is created), then
/// follows half a cosine down to η_min = <see cref="MinLearningRate"/> at step T = <see cref="TotalSteps"/>, and
/// stays there. At step t (<see cref="LearningRateSchedule.StepCount"/>), with s = <see cref="WarmupStartFactor"/>:
/// <code>
/// lr_t = η · f(t)
/// f(t) = s + (1 − s) · t / W                                  for t &lt; W
/// f(t) = m + (1 − m) · ½ · (1 + cos(π · (t − W) / (T − W)))   for W ≤ t ≤ T,   m = η_min / η
/// f(t) = m                                                    for t &gt; T
/// </code>
/// </summary>
/// <remarks>
/// This is PyTorch's <c>torch.optim.lr_scheduler.LambdaLR(optimizer, f)</c> with the f above (the parity fixtures
/// are made that way), computed in double in the same order of operations; with s = 0 and η_min = 0 it is also
/// Hugging Face's <c>get_cosine_schedule_with_warmup</c>. With s = 0 the first step (t = 0) runs at rate 0; give a
/// small s (or W = 0) to avoid it.
/// </remarks>
public sealed class CosineWithWarmup : LearningRateSchedule
{
    private double _baseLearningRate;
    private readonly double _minLearningRate;
    private readonly double _startFactor;

    /// <summary>Creates the schedule and sets the optimizer's learning rate for step 0 (η·s).</summary>
    /// <param name="optimizer">The optimizer whose learning rate to set; its current rate becomes the base rate η.</param>
    /// <param name="warmupSteps">W ≥ 0, the length of the linear warm-up; 0 starts the cosine at once.</param>
    /// <param name="totalSteps">T &gt; W, the step at which the rate reaches η_min.</param>
    /// <param name="minLearningRate">η_min in [0, η]. Default 0.</param>
    /// <param name="warmupStartFactor">s in [0, 1], the fraction of η at step 0. Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">W is negative, T ≤ W, η_min is outside [0, η], or s is outside [0, 1].</exception>
    public CosineWithWarmup(Optimizer optimizer, long warmupSteps, long totalSteps, float minLearningRate = 0f, float warmupStartFactor = 0f)
        : base(optimizer)
    {
        HyperParameter.RequireAtLeast(warmupSteps, 0, nameof(warmupSteps));
        HyperParameter.RequireAtLeast(totalSteps, warmupSteps + 1, nameof(totalSteps));
        HyperParameter.RequireNonNegative(minLearningRate, nameof(minLearningRate));
        if (!(warmupStartFactor >= 0f && warmupStartFactor <= 1f))
        {
            ThrowHelper.OutOfRange(nameof(warmupStartFactor), warmupStartFactor, "a value in [0, 1]");
        }
        _baseLearningRate = optimizer.LearningRateValue;
        double min = HyperParameter.Widen(minLearningRate);
        if (min > _baseLearningRate)
        {
            ThrowHelper.OutOfRange(nameof(minLearningRate), minLearningRate, $"a value in [0, {optimizer.LearningRate}] (the optimizer's learning rate)");
        }
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinLearningRate = minLearningRate;
        WarmupStartFactor = warmupStartFactor;
        _minLearningRate = min;
        _startFactor = HyperParameter.Widen(warmupStartFactor);
        Apply(_baseLearningRate * Factor(0));
    }

    /// <summary>W.</summary>
    public long WarmupSteps { get; }

    /// <summary>T.</summary>
    public long TotalSteps { get; }

    /// <summary>η_min.</summary>
    public float MinLearningRate { get; }

    /// <summary>s.</summary>
    public float WarmupStartFactor { get; }

    /// <summary>η, the optimizer's learning rate when the schedule was created (restored by <see cref="LearningRateSchedule.LoadStateDict"/>).</summary>
    public float BaseLearningRate => (float)_baseLearningRate;

    /// <summary>f(t), the multiple of η for step t.</summary>
    /// <param name="step">t ≥ 0.</param>
    /// <returns>f(t) in [0, 1].</returns>
    public double Factor(long step)
    {
        if (step < WarmupSteps)
        {
            return _startFactor + (1.0 - _startFactor) * step / WarmupSteps;
        }
        double minFactor = _baseLearningRate > 0 ? _minLearningRate / _baseLearningRate : 0;
        if (step > TotalSteps)
        {
            return minFactor;
        }
        double progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return minFactor + (1.0 - minFactor) * 0.5 * (1.0 + Math.Cos(Math.PI * progress));
    }

    private protected override double NextLearningRate(long epoch, float? metric) => _baseLearningRate * Factor(epoch);

    private protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("warmup_steps", HyperParameter.Format(WarmupSteps)),
        new("total_steps", HyperParameter.Format(TotalSteps)),
        new("min_lr", HyperParameter.Format(MinLearningRate)),
        new("warmup_start_factor", HyperParameter.Format(WarmupStartFactor)),
    ];

    private protected override void WriteState(Dictionary<string, string> metadata)
        => metadata["base_lr"] = HyperParameter.Format(_baseLearningRate);

    private protected override Action ReadState(TrainingStateReader reader)
    {
        double baseLearningRate = reader.Real("base_lr", nonNegativeFinite: true);
        return () => _baseLearningRate = baseLearningRate;
    }
}
