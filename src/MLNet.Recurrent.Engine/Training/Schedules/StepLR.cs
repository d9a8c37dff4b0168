namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Decays the learning rate by γ every <see cref="StepSize"/> steps, as PyTorch's <c>torch.optim.lr_scheduler.StepLR</c>:
/// <code>
/// lr_t = γ · lr_{t−1}   if t mod stepSize = 0,   else lr_t = lr_{t−1}
/// </code>
/// applied to the optimizer's current rate (PyTorch's chainable form), so with no other change
/// lr_t = lr₀ · γ^⌊t / stepSize⌋, where lr₀ is the optimizer's rate when the schedule is created and t is
/// <see cref="LearningRateSchedule.StepCount"/>.
/// </summary>
/// <example><code>
/// var schedule = new StepLR(optimizer, stepSize: 30, gamma: 0.1f);   // lr 0.05 for epochs 0–29, 0.005 for 30–59, ...
/// for (int epoch = 0; epoch &lt; 100; epoch++) { Train(); schedule.Step(); }
/// </code></example>
public sealed class StepLR : LearningRateSchedule
{
    private readonly double _gamma;

    /// <summary>Creates the schedule; the optimizer's learning rate is left as it is for epoch 0.</summary>
    /// <param name="optimizer">The optimizer whose learning rate to set.</param>
    /// <param name="stepSize">The period of the decay, in steps; ≥ 1.</param>
    /// <param name="gamma">γ, the multiplicative factor; finite and ≥ 0. Default 0.1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> is below 1, or γ is negative or not finite.</exception>
    public StepLR(Optimizer optimizer, int stepSize, float gamma = 0.1f)
        : base(optimizer)
    {
        HyperParameter.RequireAtLeast(stepSize, 1, nameof(stepSize));
        HyperParameter.RequireNonNegative(gamma, nameof(gamma));
        StepSize = stepSize;
        Gamma = gamma;
        _gamma = HyperParameter.Widen(gamma);
        Apply(optimizer.LearningRateValue);
    }

    /// <summary>The period of the decay, in steps.</summary>
    public int StepSize { get; }

    /// <summary>γ.</summary>
    public float Gamma { get; }

    private protected override double NextLearningRate(long epoch, float? metric)
        => epoch % StepSize == 0 ? Optimizer.LearningRateValue * _gamma : Optimizer.LearningRateValue;

    private protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("step_size", HyperParameter.Format(StepSize)),
        new("gamma", HyperParameter.Format(Gamma)),
    ];
}
