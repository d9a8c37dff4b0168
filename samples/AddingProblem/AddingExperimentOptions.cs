namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>
/// The setting shared by every model of an <see cref="AddingExperiment"/>: data, model size and training budget.
/// The defaults are the T = 100 experiment of the sample.
/// </summary>
public sealed record AddingExperimentOptions
{
    /// <summary>
    /// A small budget that runs in seconds — T = 30, H_out = 32, 4 000 training and 1 000 test sequences, 12 epochs
    /// (756 steps) at Adam lr 0.01 — used by <c>--quick</c> and the learning tests.
    /// </summary>
    public static AddingExperimentOptions Quick { get; } = new()
    {
        Length = 30,
        HiddenSize = 32,
        TrainingSize = 4_000,
        TestSize = 1_000,
        Epochs = 12,
        LearningRate = 1e-2f,
    };

    /// <summary>T: the sequence length. Default 100.</summary>
    public int Length { get; init; } = 100;

    /// <summary>H_out of every model. Default 64.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Training examples (a fixed seeded set, reshuffled every epoch). Default 20 000.</summary>
    public int TrainingSize { get; init; } = 20_000;

    /// <summary>Held-out test examples (a seeded set disjoint in seed from the training set). Default 2 000.</summary>
    public int TestSize { get; init; } = 2_000;

    /// <summary>Examples per mini-batch. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Passes over the training set. Default 8.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Adam's learning rate, the same for every model. Default 0.005.</summary>
    public float LearningRate { get; init; } = 5e-3f;

    /// <summary>Clip the global gradient norm to this value (the same for every model); null = no clipping. Default 1.</summary>
    public float? ClipGradientNorm { get; init; } = 1f;

    /// <summary>Seed of the data, the initial weights and the batch order. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Optimizer steps per epoch: ⌈TrainingSize / BatchSize⌉.</summary>
    public int StepsPerEpoch => (TrainingSize + BatchSize - 1) / BatchSize;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        OptionCheck.Require(Length >= 2, nameof(Length), Length, "T ≥ 2");
        OptionCheck.Require(HiddenSize >= 1, nameof(HiddenSize), HiddenSize, "at least 1");
        OptionCheck.Require(TrainingSize >= 1, nameof(TrainingSize), TrainingSize, "at least 1");
        OptionCheck.Require(TestSize >= 1, nameof(TestSize), TestSize, "at least 1");
        OptionCheck.Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        OptionCheck.Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        OptionCheck.Require(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a positive finite rate");
        OptionCheck.Require(ClipGradientNorm is null || ClipGradientNorm > 0, nameof(ClipGradientNorm), ClipGradientNorm, "null or a positive norm");
    }
}
