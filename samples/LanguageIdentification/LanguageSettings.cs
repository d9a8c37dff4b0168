using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace LanguageIdentification;

/// <summary>The experiment's knobs; <see cref="Quick"/> is the budget the learning test uses.</summary>
/// <param name="Seed">Seeds the split, initialisation and shuffling.</param>
/// <param name="Cells">The model families compared, each trained on the same split.</param>
/// <param name="HiddenSize">H per direction.</param>
/// <param name="EmbeddingSize">E, the size of a character embedding.</param>
/// <param name="Epochs">Passes over the training words.</param>
/// <param name="BatchSize">Words per mini-batch.</param>
/// <param name="LearningRate">Adam's learning rate (cosine-decayed).</param>
/// <param name="Attention">The pooling of the recurrent outputs into one vector.</param>
/// <param name="WordsPerLanguage">Words per language taken from the file (0: all).</param>
/// <param name="TestFraction">Share of the words held out for evaluation.</param>
public sealed record LanguageSettings(
    int Seed = 1,
    RecurrentCellKind[]? Cells = null,
    int HiddenSize = 64,
    int EmbeddingSize = 24,
    int Epochs = 12,
    int BatchSize = 64,
    float LearningRate = 4e-3f,
    RecurrentAttention Attention = RecurrentAttention.Additive,
    int WordsPerLanguage = 0,
    double TestFraction = 0.2)
{
    /// <summary>The cells compared (default LSTM and GRU).</summary>
    public RecurrentCellKind[] CellsOrDefault => Cells ?? [RecurrentCellKind.Lstm, RecurrentCellKind.Gru];

    /// <summary>A budget of seconds: 800 words per language, one GRU, 6 epochs.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The settings.</returns>
    public static LanguageSettings Quick(int seed) => new(seed, [RecurrentCellKind.Gru], HiddenSize: 48, Epochs: 6, WordsPerLanguage: 800);
}
