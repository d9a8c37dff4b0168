using System.Diagnostics;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>What one model reached in an <see cref="AddingExperiment"/>.</summary>
/// <param name="Cell">The recurrent cell.</param>
/// <param name="TestMse">The held-out mean squared error after training (always predicting 1 scores ≈ 0.167).</param>
/// <param name="TestMsePerEpoch">The held-out MSE after each epoch.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="Seconds">Wall-clock training time, evaluation included.</param>
/// <param name="InitialSpectralNorm">‖W_hh‖₂ of the freshly initialised layer (all gates together).</param>
/// <param name="Profiles">‖∂L/∂h_t‖ on the training batch of step 1 and of the last step of every epoch, in step order.</param>
public sealed record AddingModelResult(RecurrentCellKind Cell, double TestMse, IReadOnlyList<double> TestMsePerEpoch,
    long Steps, double Seconds, float InitialSpectralNorm, IReadOnlyList<GradientProfile> Profiles)
{
    /// <summary>The profile of step 1, at initialisation.</summary>
    public GradientProfile EarlyProfile => Profiles[0];

    /// <summary>The profile of the last step.</summary>
    public GradientProfile FinalProfile => Profiles[^1];
}

/// <summary>
/// Hochreiter &amp; Schmidhuber's adding problem (see <see cref="AddingExample"/>): a <see cref="LastStateRegressor"/>
/// with the given cell is trained by Adam on a fixed seeded training set and scored on a held-out test set, with the
/// gradient norm profile ‖∂L/∂h_t‖ recorded at the first step and at the end of every epoch.
/// </summary>
public static class AddingExperiment
{
    private const long TestSeedSalt = 0x7E57_0000;

    /// <summary>The seeded training and test sets of <paramref name="options"/> (the same for every cell).</summary>
    /// <param name="options">The setting.</param>
    /// <returns>TrainingSize and TestSize examples of length T.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static (AddingExample[] Training, AddingExample[] Test) MakeData(AddingExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return MakeData(options.TrainingSize, options.TestSize, options.Length, options.Seed);
    }

    /// <summary>A seeded training set and a test set drawn from a different stream of the same seed.</summary>
    /// <param name="trainingSize">Training examples.</param>
    /// <param name="testSize">Test examples.</param>
    /// <param name="length">T ≥ 2.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The two sets.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or <paramref name="length"/> is below 2.</exception>
    public static (AddingExample[] Training, AddingExample[] Test) MakeData(int trainingSize, int testSize, int length, long seed)
        => (AddingExample.DrawMany(trainingSize, length, seed), AddingExample.DrawMany(testSize, length, seed ^ TestSeedSalt));

    /// <summary>Trains and scores one model.</summary>
    /// <param name="cell">The recurrent cell.</param>
    /// <param name="options">The setting.</param>
    /// <param name="training">The training set (from <see cref="MakeData(AddingExperimentOptions)"/>).</param>
    /// <param name="test">The test set, scored after every epoch (never used for model selection).</param>
    /// <param name="onEpoch">Called at the end of every epoch with its report (<see cref="TrainingProgress.ValidationMetric"/> = test MSE). Default none.</param>
    /// <returns>The test MSE, time, and gradient profiles.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NonFiniteLossException">Training diverged.</exception>
    public static AddingModelResult Run(RecurrentCellKind cell, AddingExperimentOptions options,
        IReadOnlyList<AddingExample> training, IReadOnlyList<AddingExample> test, Action<TrainingProgress>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = new LastStateRegressor(cell, inputSize: 2, options.HiddenSize, options.Seed);
        var task = new AddingTask(model);
        float initialNorm = model.Recurrent.HiddenWeightSpectralNorms()[0].Whole;
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            ClipGradientNorm = options.ClipGradientNorm,
            DiagnosticsEveryNSteps = options.StepsPerEpoch,
        });
        var optimizer = new Adam(model.Parameters(), options.LearningRate);
        var clock = Stopwatch.StartNew();
        TrainingResult result = trainer.Fit(task, optimizer, training, test, progress: onEpoch is null ? null
            : new SynchronousProgress<TrainingProgress>(p =>
            {
                if (p.IsEpochEnd)
                {
                    onEpoch(p);
                }
            }));
        clock.Stop();
        GradientProfile[] profiles = [.. result.Diagnostics.Select(d => new GradientProfile(d.Step, [.. d.HiddenStateGradientNorms["rnn"][0, 0]]))];
        double[] testMse = [.. result.Epochs.Select(e => e.ValidationMetrics["loss"])];
        return new AddingModelResult(cell, testMse[^1], testMse, result.Steps, clock.Elapsed.TotalSeconds, initialNorm, profiles);
    }
}
