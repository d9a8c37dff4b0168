using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;
using MLNet.Recurrent.Samples.AddingProblem;

namespace MLNet.Recurrent.Samples.ExplodingGradients;

/// <summary>Both runs of an <see cref="ExplodingGradientsExperiment"/> and the model they started from.</summary>
/// <param name="InitialSpectralNorm">‖W_hh‖₂ of the initial weights, measured by <see cref="RecurrentLayer.HiddenWeightSpectralNorms"/>.</param>
/// <param name="InitialTestMse">The test MSE of the initial weights.</param>
/// <param name="Unclipped">The run without clipping.</param>
/// <param name="Clipped">The run with the global gradient norm clipped.</param>
public sealed record ExplodingGradientsResult(float InitialSpectralNorm, double InitialTestMse,
    ExplodingRunResult Unclipped, ExplodingRunResult Clipped);

/// <summary>
/// Pascanu, Mikolov &amp; Bengio's exploding gradients (2013): a tanh RNN whose W_hh is a random orthogonal matrix
/// times a gain g &gt; 1 (so ‖W_hh‖₂ = g) is trained on the adding problem with plain SGD twice, from the same weights,
/// data, batch order and learning rate — once as is, once with the global gradient norm clipped. Without clipping a
/// gradient spike throws the weights far away and training diverges; with clipping the same spikes become bounded
/// steps and the loss falls.
/// </summary>
public static class ExplodingGradientsExperiment
{
    /// <summary>The tanh RNN of the experiment: PyTorch's initialisation, then W_hh ← g·Q with Q random orthogonal.</summary>
    /// <param name="options">The setting (hidden size, gain, seed).</param>
    /// <returns>A fresh model; the same options give the same weights.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static LastStateRegressor CreateModel(ExplodingGradientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var model = new LastStateRegressor(RecurrentCellKind.RnnTanh, inputSize: 2, options.HiddenSize, options.Seed,
            RecurrentInitialization.Orthogonal);
        Tensor hiddenWeight = model.Recurrent.NamedParameters().Single(p => p.Key == "weight_hh_l0").Value;
        using (GradMode.NoGrad())
        {
            hiddenWeight.CopyFrom(hiddenWeight * options.Gain);
        }
        return model;
    }

    /// <summary>Runs the experiment: the initial model, then the unclipped and the clipped run from it.</summary>
    /// <param name="options">The setting.</param>
    /// <returns>Both runs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ExplodingGradientsResult Run(ExplodingGradientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (training, test) = AddingExperiment.MakeData(options.TrainingSize, options.TestSize, options.Length, options.Seed);
        LastStateRegressor initial = CreateModel(options);
        return new ExplodingGradientsResult(initial.Recurrent.HiddenWeightSpectralNorms()[0].Whole,
            new AddingTask(initial).MeanSquaredError(test),
            Train(options, clip: false, training, test), Train(options, clip: true, training, test));
    }

    /// <summary>One run: a fresh <see cref="CreateModel"/> trained by SGD until the budget ends or a loss or gradient norm is NaN or infinite.</summary>
    /// <param name="options">The setting.</param>
    /// <param name="clip">Whether to clip the global gradient norm to <see cref="ExplodingGradientsOptions.ClipGradientNorm"/>.</param>
    /// <param name="training">The training set.</param>
    /// <param name="test">The test set, scored after training.</param>
    /// <returns>The per-step traces and where the run blew up, if it did.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ExplodingRunResult Train(ExplodingGradientsOptions options, bool clip,
        IReadOnlyList<AddingExample> training, IReadOnlyList<AddingExample> test)
    {
        ArgumentNullException.ThrowIfNull(options);
        var task = new AddingTask(CreateModel(options));
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            ClipGradientNorm = clip ? options.ClipGradientNorm : null,
            ProgressEveryNSteps = 1,
        });
        var losses = new List<double>();
        var norms = new List<double>();
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (!p.IsEpochEnd)
            {
                losses.Add(p.Loss);
                norms.Add(p.GradientNorm);
            }
        });
        NonFiniteLossException? nonFinite = null;
        try
        {
            trainer.Fit(task, new Sgd(task.Model.Parameters(), options.LearningRate), training, progress: progress);
        }
        catch (NonFiniteLossException e)
        {
            nonFinite = e;
        }
        int aboveBound = losses.FindIndex(loss => loss > options.DivergenceLoss);
        return new ExplodingRunResult(clip, losses, norms, aboveBound < 0 ? null : aboveBound + 1,
            nonFinite?.Step, nonFinite is null ? null : $"{nonFinite.What} {nonFinite.Value}", task.MeanSquaredError(test));
    }
}
