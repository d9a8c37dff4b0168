using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Base of the learning-rate schedules (<see cref="StepLR"/>, <see cref="CosineWithWarmup"/>,
/// <see cref="ReduceLROnPlateau"/>): bound to one <see cref="Training.Optimizer"/>, it sets the optimizer's
/// <see cref="Optimizer.LearningRate"/> each time <see cref="Step()"/> is called, as PyTorch's
/// <c>torch.optim.lr_scheduler</c> classes do.
/// </summary>
/// <remarks>
/// <para>Call <see cref="Step()"/> (or <see cref="Step(float)"/> with the monitored metric) once per epoch or per
/// batch, after <see cref="Optimizer.Step"/>: <c>optimizer.Step(); schedule.Step();</c>. <see cref="StepCount"/> is
/// PyTorch's <c>last_epoch</c>: 0 after construction (when epoch-indexed schedules already set the rate for epoch
/// 0), then 1, 2, ...</para>
/// <para>Learning rates are computed in double, as PyTorch does, and handed to the optimizer at full precision;
/// <see cref="CurrentLearningRate"/> shows them rounded to float.</para>
/// <para>Checkpoints: save and restore the schedule's <see cref="StateDict"/> together with the optimizer's; the
/// schedule holds its counters, its base rate where it has one, and the rate it last set.</para>
/// </remarks>
public abstract class LearningRateSchedule
{
    private double _currentLearningRate;

    private protected LearningRateSchedule(Optimizer optimizer)
    {
        ThrowHelper.ThrowIfNull(optimizer, nameof(optimizer));
        Optimizer = optimizer;
        _currentLearningRate = optimizer.LearningRateValue;
    }

    /// <summary>The optimizer whose learning rate this schedule sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The number of <see cref="Step()"/> calls so far: PyTorch's <c>last_epoch</c>.</summary>
    public long StepCount { get; private set; }

    /// <summary>The learning rate this schedule last gave the optimizer (PyTorch's <c>get_last_lr()</c>).</summary>
    public float CurrentLearningRate => (float)_currentLearningRate;

    /// <summary>Whether <see cref="Step(float)"/> must be used (the schedule follows a metric).</summary>
    public virtual bool RequiresMetric => false;

    /// <summary>Advances the schedule by one epoch (or batch) and sets the optimizer's learning rate.</summary>
    /// <exception cref="InvalidOperationException">The schedule follows a metric (<see cref="RequiresMetric"/>); call <see cref="Step(float)"/>.</exception>
    public void Step()
    {
        if (RequiresMetric)
        {
            ThrowHelper.InvalidOperation($"{GetType().Name}.Step: this schedule follows a metric; call Step(metric) with the monitored value.");
        }
        Advance(null);
    }

    /// <summary>
    /// Advances the schedule by one epoch given the monitored metric (such as the validation loss) and sets the
    /// optimizer's learning rate. Schedules that do not follow a metric ignore it.
    /// </summary>
    /// <param name="metric">The metric's value for the epoch just finished.</param>
    public void Step(float metric) => Advance(metric);

    /// <summary>The schedule's state, for a checkpoint.</summary>
    /// <returns>
    /// A new <see cref="TrainingState"/> without tensors. Metadata: <c>format</c> = <c>mlnet-training-state/1</c>,
    /// <c>type</c> = the class name, <c>last_epoch</c>, <c>last_lr</c> (round-trip text of the double), the settings
    /// under PyTorch's names, and the schedule's own counters (see each class).
    /// </returns>
    public TrainingState StateDict()
    {
        Dictionary<string, string> metadata = TrainingStateReader.NewMetadata(GetType().Name, Settings());
        metadata["last_epoch"] = HyperParameter.Format(StepCount);
        metadata["last_lr"] = HyperParameter.Format(_currentLearningRate);
        WriteState(metadata);
        return new TrainingState(new Dictionary<string, Tensors.Tensor>(), metadata);
    }

    /// <summary>
    /// Restores a state written by <see cref="StateDict"/> of a schedule of the same type and settings, and sets the
    /// optimizer's learning rate back to <see cref="CurrentLearningRate"/> (the rate it had when the state was saved,
    /// right after the schedule's last step), so it does not matter whether the optimizer's state is restored before or
    /// after. Nothing changes unless every check passes.
    /// </summary>
    /// <param name="state">The state to restore.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="StateDictException">The state was written by another schedule type or layout; a setting
    /// differs; an entry is missing, malformed or unexpected.</exception>
    public void LoadStateDict(TrainingState state)
    {
        var reader = new TrainingStateReader(state, GetType().Name, Settings());
        long lastEpoch = reader.Integer("last_epoch", 0);
        double lastLearningRate = reader.Real("last_lr", nonNegativeFinite: true);
        Action commit = ReadState(reader);
        reader.RequireNoOthers();

        StepCount = lastEpoch;
        commit();
        Apply(lastLearningRate);
    }

    /// <summary>Sets the optimizer's learning rate to <paramref name="learningRate"/> and remembers it.</summary>
    private protected void Apply(double learningRate)
    {
        Optimizer.LearningRateValue = learningRate;
        _currentLearningRate = learningRate;
    }

    /// <summary>The learning rate for epoch <paramref name="epoch"/> (≥ 1), updating any counters of the schedule.</summary>
    /// <param name="epoch">The new <see cref="StepCount"/>.</param>
    /// <param name="metric">The metric given to <see cref="Step(float)"/>, or null.</param>
    private protected abstract double NextLearningRate(long epoch, float? metric);

    /// <summary>The settings by their PyTorch names, as stored in <see cref="StateDict"/> and checked on load.</summary>
    private protected abstract IEnumerable<KeyValuePair<string, string>> Settings();

    /// <summary>Adds the schedule's own counters to the metadata.</summary>
    private protected virtual void WriteState(Dictionary<string, string> metadata)
    {
    }

    /// <summary>Reads and checks the schedule's own counters; returns the action that installs them.</summary>
    private protected virtual Action ReadState(TrainingStateReader reader) => static () => { };

    private void Advance(float? metric)
    {
        StepCount++;
        Apply(NextLearningRate(StepCount, metric));
    }
}
