using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>One epoch of training.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainingLoss">The mean training loss over the epoch's batches (weighted by batch size).</param>
/// <param name="ValidationMetrics">The averaged validation metrics, or empty without a validation set.</param>
/// <param name="Steps">Optimizer steps taken in the epoch.</param>
/// <param name="Seconds">Wall-clock time of the epoch (training and validation).</param>
/// <param name="LearningRate">The learning rate at the end of the epoch.</param>
public sealed record EpochRecord(int Epoch, double TrainingLoss, IReadOnlyDictionary<string, double> ValidationMetrics,
    long Steps, double Seconds, double LearningRate);

/// <summary>Diagnostics recorded at one step (see <see cref="TrainerOptions.DiagnosticsEveryNSteps"/>).</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Step">The global optimizer step, 1-based.</param>
/// <param name="GradientNorm">The global L2 gradient norm before clipping.</param>
/// <param name="HiddenStateGradientNorms">‖∂L/∂h_t‖ profiles, keyed by the recurrent module's name in the model ("" for the model itself).</param>
/// <param name="SpectralNorms">‖W_hh‖₂ per layer and direction, keyed likewise (measured before the step's update).</param>
public sealed record DiagnosticsRecord(int Epoch, long Step, double GradientNorm,
    IReadOnlyDictionary<string, HiddenStateGradientNorms> HiddenStateGradientNorms,
    IReadOnlyDictionary<string, IReadOnlyList<HiddenWeightSpectralNorm>> SpectralNorms);

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>Early stopping: the monitored metric stopped improving; the best weights were restored.</summary>
    EarlyStopped,

    /// <summary>The cancellation token fired; the model holds the weights of the last completed step.</summary>
    Cancelled,
}

/// <summary>What a call to <see cref="Trainer.Fit{TExample}"/> produced.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(IReadOnlyList<EpochRecord> epochs, IReadOnlyList<double> gradientNorms,
        IReadOnlyList<DiagnosticsRecord> diagnostics, StopReason stopReason, int? bestEpoch, double? bestMetric, long steps)
    {
        Epochs = epochs;
        GradientNorms = gradientNorms;
        Diagnostics = diagnostics;
        StopReason = stopReason;
        BestEpoch = bestEpoch;
        BestMetric = bestMetric;
        Steps = steps;
    }

    /// <summary>One record per completed epoch (including those before a resume).</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The global gradient norm (before clipping) at every optimizer step of this call, in order.</summary>
    public IReadOnlyList<double> GradientNorms { get; }

    /// <summary>The diagnostics recorded on request.</summary>
    public IReadOnlyList<DiagnosticsRecord> Diagnostics { get; }

    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>The epoch with the best monitored validation metric, or null without validation.</summary>
    public int? BestEpoch { get; }

    /// <summary>That metric's value, or null.</summary>
    public double? BestMetric { get; }

    /// <summary>The total number of optimizer steps, including those before a resume.</summary>
    public long Steps { get; }
}
