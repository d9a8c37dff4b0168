using System.Text.Json;

namespace MLNet.Recurrent.Cli.Tests;

/// <summary>
/// Two models trained once through <c>train --json</c> and shared by the tests that evaluate and predict with them:
/// a character GRU classifier on the first 600 lines of language-words.tsv, and an LSTM forecaster of sunspots.csv
/// (W = 24, H = 4).
/// </summary>
public sealed class TrainedModels : IDisposable
{
    /// <summary>Epochs of the language model.</summary>
    public const int LanguageEpochs = 6;

    private readonly TestData _data = new();

    /// <summary>Trains both models.</summary>
    public TrainedModels()
    {
        LanguageData = _data.LanguageWords(600);
        LanguageModel = _data.PathOf("language.zip");
        LanguageTraining = Train("--data", LanguageData, "--task", "classification", "--label", "Language", "--text", "Word", "--tokens", "char",
            "--cell", "gru", "--hidden", "32", "--epochs", $"{LanguageEpochs}", "--model", LanguageModel);
        SunspotsModel = _data.PathOf("sunspots.zip");
        SunspotsTraining = Train("--data", TestData.Sunspots, "--task", "forecasting", "--series", "Sunspots", "--window", "24", "--horizon", "4",
            "--hidden", "32", "--epochs", "15", "--model", SunspotsModel);
        var held = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "language-words.tsv")).Skip(600).Take(300);
        HeldOutWords = _data.Write("held-out.tsv", "Word\tLanguage\n" + string.Join("\n", held) + "\n");
    }

    /// <summary>The language training file (599 words).</summary>
    public string LanguageData { get; }

    /// <summary>300 other words of the same file, with the same header.</summary>
    public string HeldOutWords { get; }

    /// <summary>The saved language classifier.</summary>
    public string LanguageModel { get; }

    /// <summary>What <c>train --json</c> printed for it.</summary>
    public JsonElement LanguageTraining { get; }

    /// <summary>The saved sunspots forecaster.</summary>
    public string SunspotsModel { get; }

    /// <summary>What <c>train --json</c> printed for it.</summary>
    public JsonElement SunspotsTraining { get; }

    /// <summary>A scratch folder for the tests.</summary>
    internal TestData Scratch => _data;

    /// <inheritdoc/>
    public void Dispose() => _data.Dispose();

    private static JsonElement Train(params string[] args)
    {
        var result = CliRunner.Succeed(["train", .. args, "--json"]);
        return Assert.Single(result.Json);
    }
}

/// <summary>The test classes that share <see cref="TrainedModels"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Trained models";
}
