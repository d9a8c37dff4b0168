namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Trains a model by mini-batch gradient descent with backpropagation through time: epochs of shuffled (optionally
/// length-bucketed) batches, gradient clipping, validation with early stopping that restores the best weights,
/// truncated BPTT, cancellation, progress reports, diagnostics, and atomic checkpoints from which a run resumes
/// exactly.
/// </summary>
/// <example><code>
/// var trainer = new Trainer(new TrainerOptions { Epochs = 20, BatchSize = 64, ClipGradientNorm = 1f, EarlyStoppingPatience = 3, ValidationFraction = 0.1 });
/// TrainingResult result = trainer.Fit(task, new Adam(task.Model.Parameters(), 1e-3f), trainingExamples);
/// </code></example>
public sealed class Trainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="options">How to train; validated here.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Trainer(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Trains <paramref name="task"/>'s model.</summary>
    /// <typeparam name="TExample">The example type.</typeparam>
    /// <param name="task">The model and how to compute its loss and metrics.</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="training">The training examples.</param>
    /// <param name="validation">Validation examples; when null, <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="training"/> is held out.</param>
    /// <param name="schedule">An optional learning-rate schedule over <paramref name="optimizer"/>, stepped once per epoch (with the monitored metric when it follows one) or, with <see cref="TrainerOptions.StepScheduleEveryBatch"/>, after every optimizer step.</param>
    /// <param name="progress">Receives step and epoch reports.</param>
    /// <param name="resumeFrom">A checkpoint written by an earlier run with the same options, task and data: training continues after its epoch, exactly as if never interrupted.</param>
    /// <param name="cancellationToken">Stops training after the current step; the result says <see cref="StopReason.Cancelled"/>.</param>
    /// <returns>The history, diagnostics and why training stopped.</returns>
    /// <exception cref="ArgumentException">No training examples; a truncated-BPTT option with a task that does not support it; a schedule bound to another optimizer, or one that follows a metric without validation data; validation metrics that lack the monitored one.</exception>
    /// <exception cref="NonFiniteLossException">A loss or gradient became NaN or infinite; the model keeps the last good weights.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume from is not a checkpoint.</exception>
    public TrainingResult Fit<TExample>(ISupervisedTask<TExample> task, Optimizer optimizer, IReadOnlyList<TExample> training,
        IReadOnlyList<TExample>? validation = null, LearningRateSchedule? schedule = null,
        IProgress<TrainingProgress>? progress = null, string? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("training: expected at least one example, got none.", nameof(training));
        }
        if (Options.TruncatedBpttSteps is not null && task is not ITruncatedBpttTask<TExample>)
        {
            throw new ArgumentException($"task: TruncatedBpttSteps is set, so expected an {nameof(ITruncatedBpttTask<TExample>)}, got {task.GetType().Name}.", nameof(task));
        }
        if (schedule is not null && !ReferenceEquals(schedule.Optimizer, optimizer))
        {
            throw new ArgumentException($"schedule: expected a schedule bound to the optimizer passed to Fit, got one bound to another {schedule.Optimizer.GetType().Name}.", nameof(schedule));
        }
        if (schedule is { RequiresMetric: true } && (Options.StepScheduleEveryBatch || (validation is null && Options.ValidationFraction == 0)))
        {
            throw new ArgumentException($"schedule: {schedule.GetType().Name} follows the validation metric, so expected a validation set (or ValidationFraction > 0) and per-epoch stepping.", nameof(schedule));
        }
        var run = new TrainingRun<TExample>(Options, task, optimizer, training, validation, schedule, progress, cancellationToken);
        if (resumeFrom is not null)
        {
            run.Resume(TrainingCheckpoint.Read(resumeFrom));
        }
        return run.Execute();
    }
}
