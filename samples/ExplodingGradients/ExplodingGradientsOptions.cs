using MLNet.Recurrent.Samples.AddingProblem;

namespace MLNet.Recurrent.Samples.ExplodingGradients;

/// <summary>
/// The setting of an <see cref="ExplodingGradientsExperiment"/>, shared by its unclipped and clipped runs. The
/// defaults are the sample's experiment.
/// </summary>
public sealed record ExplodingGradientsOptions
{
    /// <summary>T: the adding problem's sequence length. Default 20.</summary>
    public int Length { get; init; } = 20;

    /// <summary>H_out of the tanh RNN. Default 32.</summary>
    public int HiddenSize { get; init; } = 32;

    /// <summary>The gain g: W_hh is a random orthogonal matrix times g, so ‖W_hh‖₂ = g. Default 3.</summary>
    public float Gain { get; init; } = 3f;

    /// <summary>Plain SGD's learning rate (no momentum). Default 0.1.</summary>
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>The clipped run rescales the global gradient norm to at most this value. Default 1.</summary>
    public float ClipGradientNorm { get; init; } = 1f;

    /// <summary>Examples per mini-batch. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Training examples (a fixed seeded set). Default 3 200.</summary>
    public int TrainingSize { get; init; } = 3_200;

    /// <summary>Held-out test examples. Default 1 000.</summary>
    public int TestSize { get; init; } = 1_000;

    /// <summary>Passes over the training set. Default 3.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>
    /// The unclipped run counts as diverged at the first step whose training loss exceeds this bound (if the trainer
    /// has not already met a NaN or infinite loss or gradient). Default 1 000 (the targets lie in [0, 2]).
    /// </summary>
    public double DivergenceLoss { get; init; } = 1_000;

    /// <summary>Seed of the data, the initial weights and the batch order. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The optimizer steps of a run that does not diverge: Epochs · ⌈TrainingSize / BatchSize⌉.</summary>
    public int Steps => Epochs * ((TrainingSize + BatchSize - 1) / BatchSize);

    /// <summary>A smaller budget (2 epochs = 200 steps, 500 test sequences), used by <c>--quick</c> and the learning tests.</summary>
    public static ExplodingGradientsOptions Quick { get; } = new() { TestSize = 500, Epochs = 2 };

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        OptionCheck.Require(Length >= 2, nameof(Length), Length, "T ≥ 2");
        OptionCheck.Require(HiddenSize >= 1, nameof(HiddenSize), HiddenSize, "at least 1");
        OptionCheck.Require(Gain > 0 && float.IsFinite(Gain), nameof(Gain), Gain, "a positive finite gain");
        OptionCheck.Require(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a positive finite rate");
        OptionCheck.Require(ClipGradientNorm > 0 && float.IsFinite(ClipGradientNorm), nameof(ClipGradientNorm), ClipGradientNorm, "a positive finite norm");
        OptionCheck.Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        OptionCheck.Require(TrainingSize >= 1, nameof(TrainingSize), TrainingSize, "at least 1");
        OptionCheck.Require(TestSize >= 1, nameof(TestSize), TestSize, "at least 1");
        OptionCheck.Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        OptionCheck.Require(DivergenceLoss > 0, nameof(DivergenceLoss), DivergenceLoss, "a positive bound");
    }
}
