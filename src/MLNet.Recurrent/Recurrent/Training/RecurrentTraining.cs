using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Trains a recurrent estimator's network with the engine's <see cref="Trainer"/>: the options become the trainer's
/// (epochs, batch size, seed, length bucketing, validation split, early stopping on the validation loss, gradient
/// clipping, diagnostics) and an optimizer; afterwards the network is left in evaluation mode.
/// </summary>
internal static class RecurrentTraining
{
    /// <summary>Trains <paramref name="task"/>'s model on <paramref name="examples"/>.</summary>
    /// <typeparam name="TExample">The example type.</typeparam>
    /// <param name="options">The estimator's options.</param>
    /// <param name="seed">The estimator's seed (batch order and validation split).</param>
    /// <param name="task">The network and its loss.</param>
    /// <param name="examples">The training rows read from the data.</param>
    /// <param name="skippedRows">Rows left out while reading (for the history).</param>
    /// <returns>The training history.</returns>
    /// <exception cref="ArgumentException">No rows to train on, or the validation fraction leaves none.</exception>
    /// <exception cref="NonFiniteLossException">The loss diverged.</exception>
    public static RecurrentTrainingHistory Train<TExample>(RecurrentOptions options, int seed, ISupervisedTask<TExample> task,
        IReadOnlyList<TExample> examples, int skippedRows)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException(
                $"input: expected at least one row with a label and finite features to train on, got none ({skippedRows} row(s) skipped).", "input");
        }

        var trainerOptions = new TrainerOptions
        {
            Epochs = options.NumberOfEpochs,
            BatchSize = options.BatchSize,
            Seed = seed,
            Shuffle = true,
            BucketByLength = true,
            ValidationFraction = options.EffectiveValidationFraction,
            EarlyStoppingPatience = options.EarlyStoppingPatience,
            ClipGradientNorm = options.GradientClipping,
            DiagnosticsEveryNSteps = options.DiagnosticsEveryNSteps,
            StepScheduleEveryBatch = true,
        };
        Module model = task.Model;
        Optimizer optimizer = CreateOptimizer(options, model);
        LearningRateSchedule? schedule = options.LearningRateDecay
            ? new CosineWithWarmup(optimizer, 0, TotalSteps(options, examples.Count))
            : null;
        TrainingResult result = new Trainer(trainerOptions).Fit(task, optimizer, examples, schedule: schedule, progress: options.Progress);
        model.Eval();
        return RecurrentTrainingHistory.From(result, examples.Count, skippedRows);
    }

    /// <summary>T: optimizer steps over all epochs, with the rows the validation split leaves (the trainer holds out round(n·fraction), at least 1).</summary>
    private static long TotalSteps(RecurrentOptions options, int count)
    {
        double fraction = options.EffectiveValidationFraction;
        int held = fraction > 0 ? Math.Max(1, (int)Math.Round(count * fraction)) : 0;
        long batches = (Math.Max(1, count - held) + options.BatchSize - 1) / options.BatchSize;
        return Math.Max(1, batches * options.NumberOfEpochs);
    }

    private static Optimizer CreateOptimizer(RecurrentOptions options, Module model)
    {
        IEnumerable<Tensor> parameters = model.Parameters();
        return options.Optimizer switch
        {
            RecurrentOptimizer.Adam => new Adam(parameters, options.LearningRate),
            RecurrentOptimizer.AdamW => new AdamW(parameters, options.LearningRate),
            RecurrentOptimizer.Sgd => new Sgd(parameters, options.LearningRate),
            RecurrentOptimizer.RmsProp => new RmsProp(parameters, options.LearningRate),
            _ => throw new ArgumentOutOfRangeException("options.Optimizer", options.Optimizer, $"options.Optimizer: expected a defined RecurrentOptimizer, got {options.Optimizer}."),
        };
    }
}
