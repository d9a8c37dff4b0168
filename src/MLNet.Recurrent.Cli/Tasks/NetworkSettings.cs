using System.Globalization;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Training;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>The network and its training budget, as the options give them (one model of a <c>compare</c> run).</summary>
/// <param name="Cell">The recurrent cell.</param>
/// <param name="HiddenSize">H, units per layer and direction.</param>
/// <param name="Layers">Stacked recurrent layers.</param>
/// <param name="Bidirectional">Whether each layer also reads backwards.</param>
/// <param name="Attention">How the recurrent outputs are pooled into one vector.</param>
/// <param name="EmbeddingSize">E, the size of a token's embedding (text tasks).</param>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="BatchSize">Sequences per mini-batch.</param>
/// <param name="LearningRate">Adam's learning rate (cosine-decayed over the run).</param>
/// <param name="Seed">Seeds initialisation, shuffling and the split.</param>
internal sealed record NetworkSettings(RecurrentCellKind Cell, int HiddenSize, int Layers, bool Bidirectional, RecurrentAttention Attention,
    int EmbeddingSize, int Epochs, int BatchSize, float LearningRate, int Seed)
{
    /// <summary>The model's short name in a leaderboard, e.g. "gru+additive".</summary>
    public string Name => $"{TaskNames.NameOf(TaskNames.Cells, Cell)}+{TaskNames.NameOf(TaskNames.Attention, Attention)}";

    /// <summary>Copies the settings into a recurrent estimator's options.</summary>
    /// <typeparam name="TOptions">The estimator's options type.</typeparam>
    /// <param name="options">Options whose columns are already set.</param>
    /// <param name="progress">Training progress, or null.</param>
    /// <returns><paramref name="options"/>.</returns>
    public TOptions Apply<TOptions>(TOptions options, IProgress<TrainingProgress>? progress) where TOptions : PooledSequenceOptions
    {
        options.Cell = Cell;
        options.HiddenSize = HiddenSize;
        options.NumberOfLayers = Layers;
        options.Bidirectional = Bidirectional;
        options.Attention = Attention;
        options.EmbeddingSize = EmbeddingSize;
        options.NumberOfEpochs = Epochs;
        options.BatchSize = BatchSize;
        options.LearningRate = LearningRate;
        options.Seed = Seed;
        options.Progress = progress;
        return options;
    }

    /// <summary>The settings for <c>--json</c> output, with the command-line names of the enumerations.</summary>
    /// <returns>An object to serialise.</returns>
    public object ToJson() => new
    {
        cell = TaskNames.NameOf(TaskNames.Cells, Cell),
        hiddenSize = HiddenSize,
        layers = Layers,
        bidirectional = Bidirectional,
        attention = TaskNames.NameOf(TaskNames.Attention, Attention),
        embeddingSize = EmbeddingSize,
        epochs = Epochs,
        batchSize = BatchSize,
        learningRate = LearningRate,
        seed = Seed,
    };

    /// <summary>A one-line description, e.g. "LSTM, additive attention, H=64, 1 layer, bidirectional; 10 epochs, batch 32, learning rate 0.003, seed 1".</summary>
    /// <returns>The description.</returns>
    public string Describe()
        => $"{TaskNames.NameOf(TaskNames.Cells, Cell).ToUpperInvariant()}, " +
           $"{(Attention == RecurrentAttention.None ? "no" : TaskNames.NameOf(TaskNames.Attention, Attention))} attention, {DescribeShared()}";

    /// <summary>What <c>compare</c>'s models share: sizes and budget, without cell and attention.</summary>
    /// <returns>The description, e.g. "H=64, 1 layer; 10 epochs, batch 32, learning rate 0.003, seed 1".</returns>
    public string DescribeShared() => string.Create(CultureInfo.InvariantCulture,
        $"H={HiddenSize}, {Layers} layer{(Layers == 1 ? "" : "s")}{(Bidirectional ? ", bidirectional" : "")}; " +
        $"{Epochs} epochs, batch {BatchSize}, learning rate {LearningRate:G4}, seed {Seed}");
}
