using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Reduces the learning rate when a metric has stopped improving, as PyTorch's
/// <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>. Each <see cref="LearningRateSchedule.Step(float)"/> with metric x:
/// <code>
/// if x is better than best (see <see cref="ThresholdMode"/>):  best ← x,  bad ← 0     else  bad ← bad + 1
/// if cooldown counter &gt; 0:  counter ← counter − 1,  bad ← 0        (bad epochs are ignored during cool-down)
/// if bad &gt; patience:  lr ← max(lr · factor, lr_min) unless that changes lr by ε or less;
///                     counter ← cooldown,  bad ← 0
/// </code>
/// "Better" for <see cref="PlateauMode.Min"/> is x &lt; best·(1 − threshold) (relative) or x &lt; best − threshold
/// (absolute); for <see cref="PlateauMode.Max"/>, x &gt; best·(1 + threshold) or x &gt; best + threshold. Before the
/// first step best is +∞ (min) or −∞ (max). The reduction reads the optimizer's current learning rate, so other
/// changes to it are respected.
/// </summary>
public sealed class ReduceLROnPlateau : LearningRateSchedule
{
    private readonly double _factor;
    private readonly double _threshold;
    private readonly double _minLearningRate;
    private readonly double _eps;
    private double _best;

    /// <summary>Creates the schedule; the optimizer's learning rate is left as it is.</summary>
    /// <param name="optimizer">The optimizer whose learning rate to reduce.</param>
    /// <param name="mode">Whether lower (<see cref="PlateauMode.Min"/>) or higher values of the metric are better. Default Min.</param>
    /// <param name="factor">The multiplier applied on a plateau, in [0, 1). Default 0.1.</param>
    /// <param name="patience">How many epochs without improvement are tolerated: the rate drops after the (patience + 1)-th; ≥ 0. Default 10.</param>
    /// <param name="threshold">The margin a new value must beat best by, ≥ 0 (see <paramref name="thresholdMode"/>). Default 1e-4.</param>
    /// <param name="thresholdMode">Whether the margin is a fraction of best or an amount. Default Relative.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted; ≥ 0. Default 0.</param>
    /// <param name="minLearningRate">lr_min ≥ 0, a floor for the rate. Default 0.</param>
    /// <param name="eps">ε ≥ 0: a reduction that changes the rate by ε or less is skipped. Default 1e-8.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range, or a mode is not a defined value.</exception>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, float factor = 0.1f, int patience = 10,
        float threshold = 1e-4f, ThresholdMode thresholdMode = ThresholdMode.Relative, int cooldown = 0, float minLearningRate = 0f, float eps = 1e-8f)
        : base(optimizer)
    {
        if (!Enum.IsDefined(mode))
        {
            ThrowHelper.OutOfRange(nameof(mode), mode, "PlateauMode.Min or PlateauMode.Max");
        }
        if (!(factor >= 0f && factor < 1f))
        {
            ThrowHelper.OutOfRange(nameof(factor), factor, "a value in [0, 1)");
        }
        HyperParameter.RequireAtLeast(patience, 0, nameof(patience));
        HyperParameter.RequireNonNegative(threshold, nameof(threshold));
        if (!Enum.IsDefined(thresholdMode))
        {
            ThrowHelper.OutOfRange(nameof(thresholdMode), thresholdMode, "ThresholdMode.Relative or ThresholdMode.Absolute");
        }
        HyperParameter.RequireAtLeast(cooldown, 0, nameof(cooldown));
        HyperParameter.RequireNonNegative(minLearningRate, nameof(minLearningRate));
        HyperParameter.RequireNonNegative(eps, nameof(eps));
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
        Epsilon = eps;
        _factor = HyperParameter.Widen(factor);
        _threshold = HyperParameter.Widen(threshold);
        _minLearningRate = HyperParameter.Widen(minLearningRate);
        _eps = HyperParameter.Widen(eps);
        _best = WorstValue;
    }

    /// <summary>Whether lower or higher values are better.</summary>
    public PlateauMode Mode { get; }

    /// <summary>The multiplier applied on a plateau.</summary>
    public float Factor { get; }

    /// <summary>Epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The margin of a significant improvement.</summary>
    public float Threshold { get; }

    /// <summary>How <see cref="Threshold"/> is applied.</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>lr_min.</summary>
    public float MinLearningRate { get; }

    /// <summary>ε, the smallest change of the rate that is applied.</summary>
    public float Epsilon { get; }

    /// <summary>The best metric so far (±∞ before the first step).</summary>
    public double Best => _best;

    /// <summary>Consecutive epochs without a significant improvement (PyTorch's <c>num_bad_epochs</c>).</summary>
    public int BadEpochs { get; private set; }

    /// <summary>Epochs of cool-down left (PyTorch's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <inheritdoc/>
    public override bool RequiresMetric => true;

    private double WorstValue => Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    private protected override double NextLearningRate(long epoch, float? metric)
    {
        double current = metric!.Value;
        if (IsBetter(current))
        {
            _best = current;
            BadEpochs = 0;
        }
        else
        {
            BadEpochs++;
        }
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            BadEpochs = 0;
        }
        double learningRate = Optimizer.LearningRateValue;
        if (BadEpochs > Patience)
        {
            double reduced = Math.Max(learningRate * _factor, _minLearningRate);
            if (learningRate - reduced > _eps)
            {
                learningRate = reduced;
            }
            CooldownCounter = Cooldown;
            BadEpochs = 0;
        }
        return learningRate;
    }

    private bool IsBetter(double value) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Relative) => value < _best * (1.0 - _threshold),
        (PlateauMode.Min, ThresholdMode.Absolute) => value < _best - _threshold,
        (PlateauMode.Max, ThresholdMode.Relative) => value > _best * (_threshold + 1.0),
        _ => value > _best + _threshold,
    };

    private protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("mode", Mode == PlateauMode.Min ? "min" : "max"),
        new("factor", HyperParameter.Format(Factor)),
        new("patience", HyperParameter.Format(Patience)),
        new("threshold", HyperParameter.Format(Threshold)),
        new("threshold_mode", ThresholdMode == ThresholdMode.Relative ? "rel" : "abs"),
        new("cooldown", HyperParameter.Format(Cooldown)),
        new("min_lr", HyperParameter.Format(MinLearningRate)),
        new("eps", HyperParameter.Format(Epsilon)),
    ];

    private protected override void WriteState(Dictionary<string, string> metadata)
    {
        metadata["best"] = HyperParameter.Format(_best);
        metadata["num_bad_epochs"] = HyperParameter.Format(BadEpochs);
        metadata["cooldown_counter"] = HyperParameter.Format(CooldownCounter);
    }

    private protected override Action ReadState(TrainingStateReader reader)
    {
        double best = reader.Real("best", nonNegativeFinite: false);
        long badEpochs = reader.Integer("num_bad_epochs", 0);
        long cooldownCounter = reader.Integer("cooldown_counter", 0);
        if (badEpochs > Patience || cooldownCounter > Cooldown)
        {
            throw new StateDictException(badEpochs > Patience ? "num_bad_epochs" : "cooldown_counter",
                $"expected num_bad_epochs ≤ patience {Patience} and cooldown_counter ≤ cooldown {Cooldown}, got {badEpochs} and {cooldownCounter}.");
        }
        return () =>
        {
            _best = best;
            BadEpochs = (int)badEpochs;
            CooldownCounter = (int)cooldownCounter;
        };
    }
}
