using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// What every recurrent estimator shares: the columns it reads, the network (cell, layers, sizes) and how it trains
/// (epochs, batches, optimizer, clipping, early stopping, seed, device, progress). The derived options add what one
/// task needs. Every property has a default; the estimator checks them all when it is created.
/// </summary>
/// <remarks>
/// <para>Dimension legend, as in the engine: L steps of a sequence, N sequences in a batch, D = 2 when bidirectional
/// else 1, H = <see cref="HiddenSize"/>, E = <see cref="EmbeddingSize"/>, F = features per step.</para>
/// <para>The network is: token keys → embedding (E) or feature vectors (F, standardised per feature with the training
/// set's mean and standard deviation) → dropout → <see cref="NumberOfLayers"/> recurrent layers of
/// <see cref="Cell"/> with H units per direction → a task head.</para>
/// </remarks>
public abstract class RecurrentOptions
{
    /// <summary>The label column. Default "Label" (forecasting: "Horizon").</summary>
    public string LabelColumnName { get; set; } = RecurrentDefaults.Label;

    /// <summary>
    /// The sequence column: a vector of keys (token keys, embedded) or of Single (feature vectors). Default "Features"
    /// (forecasting: "Window").
    /// </summary>
    public string FeatureColumnName { get; set; } = RecurrentDefaults.Features;

    /// <summary>The output column of the scores (what each task writes there is in its estimator's docs). Default "Score".</summary>
    public string ScoreColumnName { get; set; } = RecurrentDefaults.Score;

    /// <summary>
    /// F, the number of features per step of a Single sequence column whose type does not say it: a variable-length
    /// Vector&lt;Single&gt; (or a fixed one of one dimension) holds L·F values, step after step. Null: taken from the
    /// column's dimensions [L, F] when it has two, else 1. Ignored for key sequences. Default null.
    /// </summary>
    public int? FeaturesPerStep { get; set; }

    /// <summary>The recurrent cell. Default <see cref="RecurrentCellKind.Lstm"/>.</summary>
    public RecurrentCellKind Cell { get; set; } = RecurrentDefaults.Cell;

    /// <summary>Stacked recurrent layers. Default 1.</summary>
    public int NumberOfLayers { get; set; } = RecurrentDefaults.NumberOfLayers;

    /// <summary>H: units per layer and direction. Default 64.</summary>
    public int HiddenSize { get; set; } = RecurrentDefaults.HiddenSize;

    /// <summary>Whether each layer also reads the sequence backwards (D = 2, outputs concatenated). Default false.</summary>
    public bool Bidirectional { get; set; }

    /// <summary>Dropout probability p ∈ [0, 1) in training, on the layer inputs, between stacked layers and before the head. Default 0.</summary>
    public float Dropout { get; set; }

    /// <summary>E: the size of a token's embedding vector (key sequences only). Default 32.</summary>
    public int EmbeddingSize { get; set; } = RecurrentDefaults.EmbeddingSize;

    /// <summary>The most passes over the training rows. Default 10.</summary>
    public int NumberOfEpochs { get; set; } = RecurrentDefaults.NumberOfEpochs;

    /// <summary>Sequences per mini-batch; batches group sequences of similar length. Default 32.</summary>
    public int BatchSize { get; set; } = RecurrentDefaults.BatchSize;

    /// <summary>The optimizer. Default <see cref="RecurrentOptimizer.Adam"/>.</summary>
    public RecurrentOptimizer Optimizer { get; set; } = RecurrentOptimizer.Adam;

    /// <summary>γ, the optimizer's learning rate (&gt; 0). Default 0.001.</summary>
    public float LearningRate { get; set; } = RecurrentDefaults.LearningRate;

    /// <summary>
    /// Decay the learning rate after every step along a half cosine, γ_t = γ·(1 + cos(π·t/T))/2 over the T steps of
    /// <see cref="NumberOfEpochs"/> epochs, so the last epochs take small steps and the final weights settle; false keeps
    /// γ constant. Default true.
    /// </summary>
    public bool LearningRateDecay { get; set; } = true;

    /// <summary>Clip the global L2 norm of the gradients to this value before every step; null: no clipping. Default 5.</summary>
    public float? GradientClipping { get; set; } = RecurrentDefaults.GradientClipping;

    /// <summary>
    /// Early stopping: stop after this many epochs without a lower validation loss, and keep the weights of the best
    /// epoch; null: train all <see cref="NumberOfEpochs"/>. Default null.
    /// </summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>
    /// The fraction of the training rows held out (chosen with the seed) to measure the validation loss and metrics each
    /// epoch. Null: 0.1 when <see cref="EarlyStoppingPatience"/> is set, otherwise 0 (no validation). Default null.
    /// </summary>
    public double? ValidationFraction { get; set; }

    /// <summary>
    /// Fixes the initial weights, the validation split, the batch order and the dropout masks. Null: drawn from the
    /// <see cref="MLContext"/>'s seed when the estimator is created, as ML.NET's trainers do. Default null.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>Where to train and predict. Only <see cref="Device.Cpu"/> exists in this build. Default <see cref="Device.Cpu"/>.</summary>
    public Device Device { get; set; } = Device.Cpu;

    /// <summary>Receives a report every 10 optimizer steps and at the end of each epoch; null for none. Default null.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>
    /// Record diagnostics (‖∂L/∂h_t‖ profiles and spectral norms of every W_hh) every this many steps, plus at step 1,
    /// into the transformer's <c>TrainingHistory.Diagnostics</c>; 0 = never. Default 0.
    /// </summary>
    public int DiagnosticsEveryNSteps { get; set; }

    /// <summary>The validation fraction in effect (see <see cref="ValidationFraction"/>).</summary>
    internal double EffectiveValidationFraction
        => ValidationFraction ?? (EarlyStoppingPatience is null ? 0 : RecurrentDefaults.EarlyStoppingValidationFraction);

    /// <summary>Checks every option; derived classes add theirs.</summary>
    /// <exception cref="ArgumentException">A column name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size, count or rate is out of range, or an enum value is undefined.</exception>
    /// <exception cref="NotSupportedException"><see cref="Device"/> is not the CPU.</exception>
    internal virtual void Validate()
    {
        RequireColumn(LabelColumnName, nameof(LabelColumnName));
        RequireColumn(FeatureColumnName, nameof(FeatureColumnName));
        RequireColumn(ScoreColumnName, nameof(ScoreColumnName));
        Require(FeaturesPerStep is null or >= 1, nameof(FeaturesPerStep), FeaturesPerStep, "null or at least 1");
        Require(Enum.IsDefined(Cell), nameof(Cell), Cell, "a defined RecurrentCellKind");
        Require(NumberOfLayers >= 1, nameof(NumberOfLayers), NumberOfLayers, "at least 1");
        Require(HiddenSize >= 1, nameof(HiddenSize), HiddenSize, "at least 1");
        Require(Dropout >= 0f && Dropout < 1f, nameof(Dropout), Dropout, "a probability in [0, 1)");
        Require(EmbeddingSize >= 1, nameof(EmbeddingSize), EmbeddingSize, "at least 1");
        Require(NumberOfEpochs >= 1, nameof(NumberOfEpochs), NumberOfEpochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(Enum.IsDefined(Optimizer), nameof(Optimizer), Optimizer, "a defined RecurrentOptimizer");
        Require(LearningRate > 0f && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a finite rate > 0");
        Require(GradientClipping is null || (GradientClipping > 0f && float.IsFinite(GradientClipping.Value)), nameof(GradientClipping), GradientClipping, "null or a finite norm > 0");
        Require(EarlyStoppingPatience is null or >= 1, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "null or at least 1");
        Require(ValidationFraction is null or (>= 0 and < 1), nameof(ValidationFraction), ValidationFraction, "null or a fraction in [0, 1)");
        Require(EarlyStoppingPatience is null || EffectiveValidationFraction > 0, nameof(ValidationFraction), ValidationFraction,
            $"a fraction > 0 with {nameof(EarlyStoppingPatience)} = {EarlyStoppingPatience} (early stopping watches the validation loss)");
        Require(Seed is null or >= 0, nameof(Seed), Seed, "null or a non-negative seed");
        Require(DiagnosticsEveryNSteps >= 0, nameof(DiagnosticsEveryNSteps), DiagnosticsEveryNSteps, "0 (off) or a positive interval");
        ArgumentNullException.ThrowIfNull(Device, "options.Device");
        if (Device.Type != DeviceType.Cpu)
        {
            throw new NotSupportedException($"options.Device: expected {Device.Cpu} (the only device this build computes on), got {Device}.");
        }
    }

    /// <summary>Throws when <paramref name="condition"/> is false, naming the option and saying expected vs got.</summary>
    /// <param name="condition">Whether the value is acceptable.</param>
    /// <param name="name">The option's name.</param>
    /// <param name="actual">Its value.</param>
    /// <param name="expected">What was expected, in words.</param>
    /// <exception cref="ArgumentOutOfRangeException">The condition is false.</exception>
    private protected static void Require(bool condition, string name, object? actual, string expected)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException($"options.{name}", actual, $"options.{name}: expected {expected}, got {actual ?? "null"}.");
        }
    }

    /// <summary>Checks that a column name option is not empty.</summary>
    /// <param name="value">The name.</param>
    /// <param name="name">The option's name.</param>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    private protected static void RequireColumn(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"options.{name}: expected a column name, got {(value is null ? "null" : "an empty string")}.", $"options.{name}");
        }
    }
}
