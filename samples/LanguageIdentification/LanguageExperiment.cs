using System.Diagnostics;
using MLNet.Recurrent;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Training;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace LanguageIdentification;

/// <summary>The result of one model family.</summary>
/// <param name="Cell">The recurrent cell.</param>
/// <param name="MicroAccuracy">Share of held-out words whose language is predicted right.</param>
/// <param name="MacroAccuracy">Mean over languages of the per-language accuracy.</param>
/// <param name="LogLoss">Mean −ln p(true language) on the held-out words.</param>
/// <param name="PerLanguageRecall">Recall of each language, by name.</param>
/// <param name="Seconds">Wall time of Fit.</param>
/// <param name="ConfusionTable">ML.NET's formatted confusion table.</param>
public sealed record LanguageModelResult(RecurrentCellKind Cell, double MicroAccuracy, double MacroAccuracy, double LogLoss,
    IReadOnlyDictionary<string, double> PerLanguageRecall, double Seconds, string ConfusionTable);

/// <summary>
/// Language of a word from its characters: words → character keys → embedding → bidirectional recurrent layer →
/// attention pooling → softmax over six languages, trained with the ML.NET-style pipeline and compared with the
/// majority-class baseline.
/// </summary>
public sealed class LanguageExperiment(LanguageSettings settings, string dataPath)
{
    /// <summary>The pipeline of one model family, ready to Fit.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="cell">The recurrent cell.</param>
    /// <param name="progress">Optional training progress.</param>
    /// <returns>The estimator chain.</returns>
    public IEstimator<ITransformer> Pipeline(MLContext mlContext, RecurrentCellKind cell, IProgress<TrainingProgress>? progress)
        => mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(WordRow.Language))
            .Append(mlContext.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions
            {
                OutputColumnName = "Features",
                InputColumnName = nameof(WordRow.Word),
                Unit = TokenUnit.Character,
                LowerCase = true,
            }))
            .Append(mlContext.Transforms.Recurrent.SequenceClassification(new SequenceClassificationOptions
            {
                Cell = cell,
                HiddenSize = settings.HiddenSize,
                EmbeddingSize = settings.EmbeddingSize,
                Bidirectional = true,
                Attention = settings.Attention,
                NumberOfEpochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                LearningRate = settings.LearningRate,
                Progress = progress,
            }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(nameof(LanguagePrediction.PredictedLanguage), "PredictedLabel"));

    /// <summary>Loads the words and splits them into training and test sets (seeded).</summary>
    /// <param name="mlContext">The context.</param>
    /// <returns>All rows, and the split.</returns>
    public (IDataView All, DataOperationsCatalog.TrainTestData Split) Load(MLContext mlContext)
    {
        IDataView data = mlContext.Data.LoadFromTextFile<WordRow>(dataPath, separatorChar: '\t', hasHeader: true);
        if (settings.WordsPerLanguage > 0)
        {
            var kept = mlContext.Data.CreateEnumerable<WordRow>(data, reuseRowObject: false)
                .GroupBy(row => row.Language)
                .SelectMany(group => group.Take(settings.WordsPerLanguage))
                .ToList();
            data = mlContext.Data.LoadFromEnumerable(kept);
        }

        return (data, mlContext.Data.TrainTestSplit(data, settings.TestFraction, seed: settings.Seed));
    }

    /// <summary>Accuracy of always answering the most frequent training language.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="split">The split.</param>
    /// <returns>The majority language and its accuracy on the test set.</returns>
    public static (string Language, double Accuracy) MajorityBaseline(MLContext mlContext, DataOperationsCatalog.TrainTestData split)
    {
        string majority = mlContext.Data.CreateEnumerable<WordRow>(split.TrainSet, reuseRowObject: false)
            .GroupBy(row => row.Language).OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .First().Key;
        var test = mlContext.Data.CreateEnumerable<WordRow>(split.TestSet, reuseRowObject: false).ToList();
        return (majority, test.Count(row => row.Language == majority) / (double)test.Count);
    }

    /// <summary>Fits one model family on the training set and evaluates it on the test set.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="split">The split.</param>
    /// <param name="cell">The recurrent cell.</param>
    /// <param name="progress">Optional training progress.</param>
    /// <returns>The fitted pipeline and its metrics.</returns>
    public (ITransformer Model, LanguageModelResult Result) Run(MLContext mlContext, DataOperationsCatalog.TrainTestData split,
        RecurrentCellKind cell, IProgress<TrainingProgress>? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        ITransformer model = Pipeline(mlContext, cell, progress).Fit(split.TrainSet);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        var languages = LabelNames(model.GetOutputSchema(split.TestSet.Schema));
        var recall = languages.Select((name, i) => (name, metrics.ConfusionMatrix.PerClassRecall[i]))
            .ToDictionary(pair => pair.name, pair => pair.Item2);
        return (model, new LanguageModelResult(cell, metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss, recall, seconds,
            metrics.ConfusionMatrix.GetFormattedConfusionTable()));
    }

    private static IReadOnlyList<string> LabelNames(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Label"].Annotations.GetValue(AnnotationKinds.KeyValues, ref names);
        return names.DenseValues().Select(name => name.ToString()).ToList();
    }
}
