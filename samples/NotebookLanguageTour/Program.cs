// NotebookLanguageTour — notebooks/language-tour.ipynb as a program, so that CI runs every line of the notebook.
//
// From the first "// ── cell:" line on, this file is the notebook, cell by cell:
//   // ── cell: markdown       the comment lines that follow, without their "// ", are a markdown cell;
//   // ── cell: code           the lines that follow are a C# code cell;
//   // ── cell: setup          the notebook's first code cell: #r lines for the built assemblies and this file's
//                               using directives (a program must have them at the top, above the cells);
//   // ── cell: file Rows.cs   a code cell holding that file of this project (types a later cell uses).
// A line ending in "// notebook: TEXT" is TEXT in the notebook (the data path, relative to notebooks/ there).
// tools/notebooks/make_notebooks.py writes the notebook from these cells (--check: fails if it is out of date), and
// tests/MLNet.Recurrent.Tests/Samples/NotebookLanguageTourTests.cs runs this program and that check. Cells are
// top-level statements that also run one at a time in a notebook: each declares new names, none returns or reads args.
//
// Usage: dotnet run -c Release --project samples/NotebookLanguageTour   (about 10 s)
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using MLNet.Recurrent;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

// ── cell: markdown
// # Which language is this word? A tour of MLNet.Recurrent
//
// This notebook trains a character-level recurrent network that tells which of six languages (English, French,
// German, Italian, Spanish, Portuguese) a word comes from, with MLNet.Recurrent's ML.NET-shaped API: load a text
// file into an `IDataView`, build a pipeline of estimators, `Fit`, `Evaluate`, look at what the attention layer
// reads, save the model, load it back and serve it with a `PredictionEngine`.
//
// Before running it, build the library once from the repository root: `dotnet build -c Release`. The first cell
// references the built assemblies by their paths relative to this folder.
//
// Every code cell here is also the program `samples/NotebookLanguageTour`, which CI runs: the notebook is generated
// from it by `tools/notebooks/make_notebooks.py`.
// ── cell: setup
// ── cell: file Rows.cs
// ── cell: markdown
// ## The data
//
// `samples/data/language-words.tsv` holds 18,000 words, 3,000 per language, one `word<TAB>language` line each.
// `LoadFromTextFile` maps its columns onto `LabeledWord` through the `[LoadColumn]` attributes; nothing is read
// until a cursor asks for rows, here the first six through `CreateEnumerable`.
// ── cell: code
string dataPath = Path.Combine(AppContext.BaseDirectory, "data", "language-words.tsv"); // notebook: string dataPath = Path.GetFullPath("../samples/data/language-words.tsv");
var mlContext = new MLContext(seed: 1);
IDataView allWords = mlContext.Data.LoadFromTextFile<LabeledWord>(dataPath, separatorChar: '\t', hasHeader: true);
foreach (LabeledWord row in mlContext.Data.CreateEnumerable<LabeledWord>(allWords, reuseRowObject: false).Take(6))
{
    Console.WriteLine($"{row.Word,-16}{row.Language}");
}
// ── cell: markdown
// ## A budget of seconds
//
// A tour should run in seconds, so it keeps the first 800 words of each language and holds out a fifth of them.
// The number to beat is the majority class: always answering the most frequent training language.
// ── cell: code
int wordsPerLanguage = 800;
List<LabeledWord> tourRows = mlContext.Data.CreateEnumerable<LabeledWord>(allWords, reuseRowObject: false)
    .GroupBy(row => row.Language)
    .SelectMany(language => language.Take(wordsPerLanguage))
    .ToList();
IDataView tourWords = mlContext.Data.LoadFromEnumerable(tourRows);
var split = mlContext.Data.TrainTestSplit(tourWords, testFraction: 0.2, seed: 1);

List<LabeledWord> trainingWords = mlContext.Data.CreateEnumerable<LabeledWord>(split.TrainSet, reuseRowObject: false).ToList();
List<LabeledWord> testWords = mlContext.Data.CreateEnumerable<LabeledWord>(split.TestSet, reuseRowObject: false).ToList();
string majority = trainingWords.GroupBy(row => row.Language)
    .OrderByDescending(language => language.Count()).ThenBy(language => language.Key, StringComparer.Ordinal)
    .First().Key;
double majorityAccuracy = testWords.Count(row => row.Language == majority) / (double)testWords.Count;
Console.WriteLine($"{trainingWords.Count} training words, {testWords.Count} held out");
Console.WriteLine($"majority class: {majority}, {majorityAccuracy:P1} of the held-out words");
// ── cell: markdown
// ## The pipeline
//
// * `MapValueToKey` turns the language names into a key label (1…6, the names kept as the key's values);
// * `TokenizeIntoKeys` cuts each word into characters and maps them to keys through a vocabulary learned from the
//   training words (key 1 `<pad>`, key 2 `<unk>` for characters never seen);
// * `MulticlassClassification.Trainers.Recurrent` embeds each character, reads the word in both directions with a
//   GRU, pools the GRU's outputs with additive attention and predicts the language with a softmax (it builds the same
//   estimator as `mlContext.Transforms.Recurrent.SequenceClassification`);
// * `MapKeyToValue` turns the predicted key back into a language name.
//
// A small network and four epochs keep training to a few seconds.
// ── cell: code
var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(LabeledWord.Language))
    .Append(mlContext.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions
    {
        OutputColumnName = "Features",
        InputColumnName = nameof(LabeledWord.Word),
        Unit = TokenUnit.Character,
        LowerCase = true,
    }))
    .Append(mlContext.MulticlassClassification.Trainers.Recurrent(new SequenceClassificationOptions
    {
        Cell = RecurrentCellKind.Gru,
        Bidirectional = true,
        HiddenSize = 64,
        EmbeddingSize = 24,
        Attention = RecurrentAttention.Additive,
        NumberOfEpochs = 4,
        BatchSize = 32,
        LearningRate = 6e-3f,
    }))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue(nameof(WordLanguagePrediction.PredictedLanguage), "PredictedLabel"));
// ── cell: markdown
// ## Training
//
// `Fit` reads the training rows once into memory, then makes shuffled passes over them. The fitted chain holds one
// transformer per estimator; the recurrent one keeps its `TrainingHistory`, whose loss curve is drawn below.
// ── cell: code
var stopwatch = Stopwatch.StartNew();
var model = pipeline.Fit(split.TrainSet);
SequenceClassificationTransformer classifier = model.OfType<SequenceClassificationTransformer>().Single();
Console.WriteLine($"trained in {stopwatch.Elapsed.TotalSeconds:F1} s; mean training loss (cross-entropy) per epoch:");
IReadOnlyList<double> lossCurve = classifier.TrainingHistory.TrainingLoss;
for (int epoch = 0; epoch < lossCurve.Count; epoch++)
{
    Console.WriteLine($"  epoch {epoch + 1}  {lossCurve[epoch]:F4}  {new string('█', (int)Math.Round(40 * lossCurve[epoch] / lossCurve.Max()))}");
}
// ── cell: markdown
// ## Evaluation
//
// `Transform` is lazy: the scored view predicts blocks of rows when a cursor reads them, here the evaluator's.
// `MicroAccuracy` is the share of held-out words whose language is right; the confusion table shows which
// languages are taken for which.
// ── cell: code
IDataView scoredTest = model.Transform(split.TestSet);
var metrics = mlContext.MulticlassClassification.Evaluate(scoredTest);
Console.WriteLine($"accuracy {metrics.MicroAccuracy:P1} (macro {metrics.MacroAccuracy:P1}), log-loss {metrics.LogLoss:F3}; always '{majority}': {majorityAccuracy:P1}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());
// ── cell: markdown
// ## What the attention reads
//
// Additive attention pools the GRU's outputs h₁…h_L into one vector Σₜ αₜ hₜ, with weights αₜ ≥ 0 that sum to 1
// over the word's characters. `GetAttentionWeights` returns α for each row of a view; here for a few words that
// are not in the data file at all, each character with its weight as a bar (scaled to the word's largest weight).
// In our runs most of the weight lands near the end of the word: endings say much about a language.
// ── cell: code
LabeledWord[] examples =
[
    new() { Word = "schmetterling", Language = "German" },
    new() { Word = "chaussure", Language = "French" },
    new() { Word = "obrigado", Language = "Portuguese" },
];
IDataView exampleView = model.Transform(mlContext.Data.LoadFromEnumerable(examples));
IReadOnlyList<float[]> attention = classifier.GetAttentionWeights(exampleView);
List<WordLanguagePrediction> exampleGuesses = mlContext.Data.CreateEnumerable<WordLanguagePrediction>(exampleView, reuseRowObject: false).ToList();
for (int i = 0; i < examples.Length; i++)
{
    string word = examples[i].Word;
    float[] weights = attention[i];
    Console.WriteLine($"{word} ({examples[i].Language}) → {exampleGuesses[i].PredictedLanguage}, p = {exampleGuesses[i].Score.Max():F2}, Σα = {weights.Sum():F4}");
    for (int t = 0; t < weights.Length; t++)
    {
        Console.WriteLine($"  {word[t]}  {weights[t]:F3}  {new string('█', (int)Math.Round(30 * weights[t] / weights.Max()))}");
    }
}
// ── cell: markdown
// ## Save, load, compare
//
// `mlContext.Model.Save` writes the whole chain — vocabularies, key values and network weights — into one zip file
// with the input schema. The loaded chain must score every held-out word exactly as the trained one does.
// ── cell: code
string modelPath = Path.Combine(Path.GetTempPath(), $"language-tour-{Guid.NewGuid():N}.zip");
mlContext.Model.Save(model, tourWords.Schema, modelPath);
Console.WriteLine($"saved the model: {new FileInfo(modelPath).Length / 1024} KiB");
ITransformer loadedModel = mlContext.Model.Load(modelPath, out DataViewSchema? savedInputSchema);
File.Delete(modelPath);
Console.WriteLine($"loaded it; input columns: {string.Join(", ", savedInputSchema!.Select(column => column.Name))}");

float[][] trainedScores = mlContext.Data.CreateEnumerable<WordLanguagePrediction>(scoredTest, reuseRowObject: false).Select(p => p.Score).ToArray();
float[][] loadedScores = mlContext.Data.CreateEnumerable<WordLanguagePrediction>(loadedModel.Transform(split.TestSet), reuseRowObject: false)
    .Select(p => p.Score).ToArray();
int identicalScores = trainedScores.Zip(loadedScores).Count(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
Console.WriteLine($"reloaded: {identicalScores} of {trainedScores.Length} held-out words scored identically");
// ── cell: markdown
// ## One word at a time
//
// A `PredictionEngine` maps one `LabeledWord` (its `Language` is not needed) to one `WordLanguagePrediction` through
// the loaded chain — the way a service would use the model.
// ── cell: code
var engine = mlContext.Model.CreatePredictionEngine<LabeledWord, WordLanguagePrediction>(loadedModel);
foreach (string newWord in new[] { "understanding", "kindergarten", "gelato", "mariposa", "bibliothèque", "saudade" })
{
    WordLanguagePrediction guess = engine.Predict(new LabeledWord { Word = newWord });
    Console.WriteLine($"{newWord,-14} → {guess.PredictedLanguage,-10} p = {guess.Score.Max():F2}");
}

engine.Dispose();
// ── cell: markdown
// ## Where next
//
// * `samples/LanguageIdentification` trains the same pipeline on all 18,000 words and compares an LSTM with a GRU.
// * `docs/mlnet-mapping.md` lists every type and member next to its ML.NET counterpart, and how ML.NET code ports.
// * `docs/recurrent-estimators.md` describes the recurrent estimators: inputs, training, networks, save and load.
