using System.Globalization;
using LanguageIdentification;
using MLNet.Recurrent.Tests.Testing;

namespace MLNet.Recurrent.Tests.Samples;

/// <summary>
/// The language-of-a-word sample on its quick budget (800 words per language, one bidirectional GRU with attention,
/// 6 epochs): it must clearly beat the majority class, and its saved pipeline must predict identically after loading,
/// in this process and in a new one.
/// </summary>
public sealed class LanguageIdentificationSampleTests
{
    private static readonly string DataPath = Path.Combine(AppContext.BaseDirectory, "data", "language-words.tsv");

    [Fact]
    public void Quick_run_beats_the_majority_class_and_its_saved_model_predicts_identically_in_a_new_process()
    {
        var settings = LanguageSettings.Quick(seed: 1);
        var mlContext = new MLContext(settings.Seed);
        var experiment = new LanguageExperiment(settings, DataPath);
        var (all, split) = experiment.Load(mlContext);
        var (_, baseline) = LanguageExperiment.MajorityBaseline(mlContext, split);
        var (model, result) = experiment.Run(mlContext, split, settings.CellsOrDefault[0]);

        Assert.InRange(baseline, 0.12, 0.22);
        Assert.True(result.MicroAccuracy >= 0.60, $"accuracy {result.MicroAccuracy:P1} (baseline {baseline:P1})");
        Assert.Equal(6, result.PerLanguageRecall.Count);

        string directory = Path.Combine(Path.GetTempPath(), "mlnet-language-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "model.zip");
            mlContext.Model.Save(model, all.Schema, path);
            string[] words = ["understanding", "chaussure", "schmetterling", "gelato"];
            using var engine = mlContext.Model.CreatePredictionEngine<WordRow, LanguagePrediction>(model);
            string[] expected = [.. words.Select(word =>
            {
                var prediction = engine.Predict(new WordRow { Word = word });
                return string.Create(CultureInfo.InvariantCulture,
                    $"{word}\t{prediction.PredictedLanguage}\t{string.Join(",", prediction.Score.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}");
            })];

            Assert.Equal(expected, DotnetExec.Run("LanguageIdentification.dll", ["predict", "--model", path, .. words]));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
