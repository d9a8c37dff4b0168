// LanguageIdentification — which of six languages does a word come from? Characters → keys → bidirectional LSTM and
// GRU with attention pooling, as an ML.NET-style pipeline; held-out metrics next to the majority-class baseline; the
// best model saved to one zip, loaded back and checked to predict identically; single predictions through a
// PredictionEngine.
//
// Usage: dotnet run -c Release --project samples/LanguageIdentification -- [--seed N] [--epochs N] [--cell Lstm|Gru]
//          [--hidden N] [--quick] [--json] [--model PATH]
//        dotnet run -c Release --project samples/LanguageIdentification -- predict --model PATH WORD...
//   --quick  800 words per language, one GRU, 6 epochs (seconds); --json  one JSON object with the results.
using System.Globalization;
using System.Text.Json;
using LanguageIdentification;
using MLNet.Recurrent;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Training;

string dataPath = Path.Combine(AppContext.BaseDirectory, "data", "language-words.tsv");
string modelPath = Path.Combine(AppContext.BaseDirectory, "language-model.zip");
if (args.Length > 0 && args[0] == "predict")
{
    return Predict(args[1..]);
}

int seed = 1;
bool quick = args.Contains("--quick"), json = false;
var settings = quick ? LanguageSettings.Quick(seed) : new LanguageSettings();
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: expected a value after it.");
    switch (args[i])
    {
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--epochs": settings = settings with { Epochs = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--hidden": settings = settings with { HiddenSize = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--cell": settings = settings with { Cells = [Enum.Parse<RecurrentCellKind>(Next(), ignoreCase: true)] }; break;
        case "--model": modelPath = Path.GetFullPath(Next()); break;
        case "--quick": break;
        case "--json": json = true; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; expected --seed N, --epochs N, --hidden N, --cell Lstm|Gru, --quick, --json, --model PATH (or: predict --model PATH WORD...)");
            return 2;
    }
}

settings = settings with { Seed = seed };
var mlContext = new MLContext(seed);
var experiment = new LanguageExperiment(settings, dataPath);
var (all, split) = experiment.Load(mlContext);
var (majority, baselineAccuracy) = LanguageExperiment.MajorityBaseline(mlContext, split);
if (!json)
{
    Console.WriteLine($"{split.TrainSet.GetRowCount() ?? mlContext.Data.CreateEnumerable<WordRow>(split.TrainSet, false).Count()} training and " +
                      $"{mlContext.Data.CreateEnumerable<WordRow>(split.TestSet, false).Count()} held-out words in six languages; " +
                      $"bidirectional, H={settings.HiddenSize}, E={settings.EmbeddingSize}, {settings.Attention} attention, {settings.Epochs} epochs, seed {seed}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline (always '{majority}'): accuracy {baselineAccuracy:P1}"));
}

var results = new List<LanguageModelResult>();
ITransformer? best = null;
foreach (var cell in settings.CellsOrDefault)
{
    IProgress<TrainingProgress>? progress = json ? null : new Progress<TrainingProgress>(p =>
    {
        if (p.IsEpochEnd)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{cell}] epoch {p.Epoch,2}  loss {p.Loss:F4}  {p.SequencesPerSecond:F0} words/s"));
        }
    });
    var (model, result) = experiment.Run(mlContext, split, cell, progress);
    if (results.Count == 0 || result.MicroAccuracy > results.Max(r => r.MicroAccuracy))
    {
        best = model;
    }

    results.Add(result);
    if (!json)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cell}: accuracy {result.MicroAccuracy:P1} (macro {result.MacroAccuracy:P1}), log-loss {result.LogLoss:F3}, trained in {result.Seconds:F0} s"));
        Console.WriteLine("  recall: " + string.Join(", ", result.PerLanguageRecall.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:P0}"))));
    }
}

// Save the best pipeline, load it back and check that it predicts exactly as before.
mlContext.Model.Save(best!, all.Schema, modelPath);
var loaded = mlContext.Model.Load(modelPath, out _);
float[][] Scores(ITransformer model) => mlContext.Data
    .CreateEnumerable<LanguagePrediction>(model.Transform(split.TestSet), reuseRowObject: false).Select(p => p.Score).ToArray();
bool identical = Scores(best!).Zip(Scores(loaded)).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

string[] examples = ["understanding", "chaussure", "schmetterling", "gelato", "mariposa", "obrigado"];
using var engine = mlContext.Model.CreatePredictionEngine<WordRow, LanguagePrediction>(loaded);
var predictions = examples.ToDictionary(word => word, word => engine.Predict(new WordRow { Word = word }).PredictedLanguage);

if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        seed,
        baseline = new { language = majority, accuracy = baselineAccuracy },
        models = results.Select(r => new { cell = r.Cell.ToString(), r.MicroAccuracy, r.MacroAccuracy, r.LogLoss, r.PerLanguageRecall, r.Seconds }),
        model = modelPath,
        reloadedPredictionsIdentical = identical,
        examples = predictions,
    }));
}
else
{
    Console.WriteLine(results.MaxBy(r => r.MicroAccuracy)!.ConfusionTable);
    Console.WriteLine($"saved {modelPath} ({new FileInfo(modelPath).Length / 1024} KiB); reloaded model predicts identically on the test set: {identical}");
    Console.WriteLine("examples: " + string.Join(", ", predictions.Select(kv => $"{kv.Key} → {kv.Value}")));
}

return identical ? 0 : 1;

// predict --model PATH WORD...: load a saved pipeline in this (new) process and print one line per word.
static int Predict(string[] args)
{
    if (args.Length < 3 || args[0] != "--model")
    {
        Console.Error.WriteLine("usage: predict --model PATH WORD...");
        return 2;
    }

    var mlContext = new MLContext(seed: 0);
    var model = mlContext.Model.Load(args[1], out _);
    using var engine = mlContext.Model.CreatePredictionEngine<WordRow, LanguagePrediction>(model);
    foreach (string word in args[2..])
    {
        var prediction = engine.Predict(new WordRow { Word = word });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{word}\t{prediction.PredictedLanguage}\t{string.Join(",", prediction.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}"));
    }

    return 0;
}
