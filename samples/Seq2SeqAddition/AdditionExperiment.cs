using System.Diagnostics;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace Seq2SeqAddition;

/// <summary>The budget and architecture of one run of the addition experiment.</summary>
public sealed record AdditionSettings
{
    /// <summary>Seeds the data, the model and the trainer. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The most digits of an operand. Default 3.</summary>
    public int MaxDigits { get; init; } = 3;

    /// <summary>Training expressions. Default 20000.</summary>
    public int TrainingSize { get; init; } = 20000;

    /// <summary>Held-out test expressions, none of them in the training set. Default 1000.</summary>
    public int TestSize { get; init; } = 1000;

    /// <summary>Passes over the training set. Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Examples per mini-batch. Default 32 (64 learns less reliably on the same number of epochs).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's peak learning rate (cosine decay after a short warm-up). Default 3e-3.</summary>
    public float LearningRate { get; init; } = 3e-3f;

    /// <summary>The recurrent cell. Default GRU.</summary>
    public RecurrentCellKind Cell { get; init; } = RecurrentCellKind.Gru;

    /// <summary>H (per encoder direction, and the decoder's). Default 96.</summary>
    public int HiddenSize { get; init; } = 96;

    /// <summary>E. Default 32.</summary>
    public int EmbeddingSize { get; init; } = 32;

    /// <summary>The attention of the "with attention" model. Default LuongGeneral.</summary>
    public Seq2SeqAttentionKind Attention { get; init; } = Seq2SeqAttentionKind.LuongGeneral;

    /// <summary>Luong input feeding. Default false (teacher-forced training then runs all steps at once).</summary>
    public bool InputFeeding { get; init; }

    /// <summary>
    /// A bidirectional encoder. Default true: its backward direction tells each digit how many digits follow it in its
    /// operand (its place value) and what comes after, which the attention needs to line the operands up.
    /// </summary>
    public bool BidirectionalEncoder { get; init; } = true;

    /// <summary>The beam width of the beam-search evaluation. Default 4.</summary>
    public int BeamWidth { get; init; } = 4;

    /// <summary>Global gradient-norm clipping. Default 1.</summary>
    public float ClipGradientNorm { get; init; } = 1f;

    /// <summary>
    /// The small budget of <c>--quick</c> and of the learning test: 1–2-digit operands, 4000 training expressions,
    /// 25 epochs of batches of 32, H = 64 (about 10 s on 2 cores).
    /// </summary>
    /// <param name="seed">Seeds the data, the model and the trainer.</param>
    /// <returns>The settings.</returns>
    public static AdditionSettings Quick(long seed) => new()
    {
        Seed = seed,
        MaxDigits = 2,
        TrainingSize = 4000,
        TestSize = 500,
        Epochs = 25,
        BatchSize = 32,
        HiddenSize = 64,
    };
}

/// <summary>What one trained model scored on the held-out expressions.</summary>
/// <param name="Attention">The attention kind.</param>
/// <param name="ExactMatchGreedy">The fraction of test sums decoded exactly by greedy decoding.</param>
/// <param name="ExactMatchBeam">Likewise with beam search.</param>
/// <param name="FinalTrainingLoss">The mean training loss of the last epoch.</param>
/// <param name="Parameters">The model's parameter count.</param>
/// <param name="Seconds">Wall-clock time of training and evaluation.</param>
public sealed record AdditionResult(Seq2SeqAttentionKind Attention, double ExactMatchGreedy, double ExactMatchBeam,
    double FinalTrainingLoss, long Parameters, double Seconds);

/// <summary>
/// Integer addition as character sequences ("123+45" → "168"): draws a seeded training set and a disjoint test set,
/// trains a seq2seq model with the <see cref="Trainer"/> (Adam with cosine decay, gradient clipping, cross-entropy
/// ignoring padding) and measures exact-match accuracy with greedy decoding and beam search.
/// </summary>
/// <param name="settings">The budget and architecture.</param>
public sealed class AdditionExperiment(AdditionSettings settings)
{
    /// <summary>The settings.</summary>
    public AdditionSettings Settings { get; } = settings;

    /// <summary>The training and test expressions (the same for every model of this experiment).</summary>
    /// <returns>The two sets.</returns>
    public (List<AdditionExample> Training, List<AdditionExample> Test) Data()
    {
        var generator = new RandomGenerator(Settings.Seed);
        List<AdditionExample> training = AdditionExample.Draw(generator, Settings.TrainingSize, Settings.MaxDigits);
        List<AdditionExample> test = AdditionExample.Draw(generator, Settings.TestSize, Settings.MaxDigits,
            training.Select(e => e.Expression).ToHashSet());
        return (training, test);
    }

    /// <summary>The model of this experiment with the given attention.</summary>
    /// <param name="attention">The attention kind.</param>
    /// <returns>A freshly initialised model.</returns>
    public Seq2SeqModel CreateModel(Seq2SeqAttentionKind attention) => new(new Seq2SeqOptions
    {
        SourceVocabularySize = AdditionVocabulary.Size,
        TargetVocabularySize = AdditionVocabulary.Size,
        SourcePaddingIndex = AdditionVocabulary.Pad,
        TargetPaddingIndex = AdditionVocabulary.Pad,
        EmbeddingSize = Settings.EmbeddingSize,
        HiddenSize = Settings.HiddenSize,
        Cell = Settings.Cell,
        Attention = attention,
        InputFeeding = Settings.InputFeeding,
        BidirectionalEncoder = Settings.BidirectionalEncoder,
        Seed = Settings.Seed,
    });

    /// <summary>Trains a model with <paramref name="attention"/> and evaluates it on the test set.</summary>
    /// <param name="attention">The attention kind.</param>
    /// <param name="progress">Receives the trainer's reports; may be null.</param>
    /// <returns>The scores.</returns>
    public AdditionResult Run(Seq2SeqAttentionKind attention, IProgress<TrainingProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var (training, test) = Data();
        Seq2SeqModel model = CreateModel(attention);
        var task = new AdditionTask(model);
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = Settings.Epochs,
            BatchSize = Settings.BatchSize,
            Seed = Settings.Seed,
            ClipGradientNorm = Settings.ClipGradientNorm,
            StepScheduleEveryBatch = true,
            ProgressEveryNSteps = 100,
        });
        var optimizer = new Adam(model.Parameters(), Settings.LearningRate);
        long stepsPerEpoch = (training.Count + Settings.BatchSize - 1) / Settings.BatchSize;
        long totalSteps = stepsPerEpoch * Settings.Epochs;
        var schedule = new CosineWithWarmup(optimizer, warmupSteps: Math.Min(stepsPerEpoch, totalSteps / 10), totalSteps, minLearningRate: Settings.LearningRate / 50);
        TrainingResult result = trainer.Fit(task, optimizer, training, schedule: schedule, progress: progress);

        model.Eval();
        double greedy = task.ExactMatch(test, beamWidth: 1);
        double beam = task.ExactMatch(test, Settings.BeamWidth);
        return new AdditionResult(attention, greedy, beam, result.Epochs[^1].TrainingLoss, model.ParameterCount, clock.Elapsed.TotalSeconds);
    }
}
