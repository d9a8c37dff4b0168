using System.Globalization;
using System.Text.Json;

namespace MLNet.Recurrent.Cli.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class EvaluatePredictTests(TrainedModels models)
{
    [Fact]
    public void Evaluate_Classification_AccuracyEqualsTheShareOfRightPredictions()
    {
        var evaluation = Assert.Single(CliRunner.Succeed("evaluate", "--model", models.LanguageModel, "--data", models.HeldOutWords, "--json").Json)
            .GetProperty("evaluation");
        var predictions = CliRunner.Succeed("predict", "--model", models.LanguageModel, "--data", models.HeldOutWords, "--json").Json;
        var rows = File.ReadLines(models.HeldOutWords).Skip(1).Select(line => line.Split('\t')).ToList();

        Assert.Equal(rows.Count, predictions.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i, predictions[i].GetProperty("row").GetInt64());
            Assert.Equal(rows[i][0], predictions[i].GetProperty("text").GetString());
            var probabilities = predictions[i].GetProperty("probabilities").EnumerateObject().ToList();
            Assert.Equal(6, probabilities.Count);
            Assert.Equal(1.0, probabilities.Sum(p => p.Value.GetDouble()), 4);
            Assert.Equal(probabilities.MaxBy(p => p.Value.GetDouble()).Name, predictions[i].GetProperty("predictedLabel").GetString());
        }

        int right = rows.Zip(predictions).Count(pair => pair.First[1] == pair.Second.GetProperty("predictedLabel").GetString());
        Assert.Equal(rows.Count, evaluation.GetProperty("rows").GetInt64());
        Assert.Equal(right / (double)rows.Count, evaluation.GetProperty("metrics").GetProperty("MicroAccuracy").GetDouble(), 12);
        Assert.True(evaluation.GetProperty("beatsBaseline").GetBoolean());
    }

    [Fact]
    public void Predict_Texts_GiveTheSamePredictionsAsTheSameWordsInAFile()
    {
        var fromFile = CliRunner.Succeed("predict", "--model", models.LanguageModel, "--data", models.HeldOutWords, "--json").Json.Take(5).ToList();
        string[] words = [.. fromFile.Select(p => p.GetProperty("text").GetString()!)];
        var fromTexts = CliRunner.Succeed(["predict", "--model", models.LanguageModel, "--json", "--text", .. words]).Json;

        Assert.Equal(words.Length, fromTexts.Count);
        for (int i = 0; i < words.Length; i++)
        {
            Assert.Equal(fromFile[i].GetProperty("predictedLabel").GetString(), fromTexts[i].GetProperty("predictedLabel").GetString());
            Assert.Equal(fromFile[i].GetProperty("probabilities").GetRawText(), fromTexts[i].GetProperty("probabilities").GetRawText());
        }
    }

    [Fact]
    public void Predict_NeedsOnlyTheTextColumn_EvaluateNamesTheMissingLabel()
    {
        var words = File.ReadLines(models.HeldOutWords).Skip(1).Take(20).Select(line => line.Split('\t')[0]).ToList();
        string textOnly = models.Scratch.Write("text-only.csv", "Word\n" + string.Join("\n", words) + "\n");
        var fromTextOnly = CliRunner.Succeed("predict", "--model", models.LanguageModel, "--data", textOnly, "--json").Json;
        var fromFull = CliRunner.Succeed("predict", "--model", models.LanguageModel, "--data", models.HeldOutWords, "--json").Json.Take(20);
        Assert.Equal(fromFull.Select(p => p.GetRawText()), fromTextOnly.Select(p => p.GetRawText()));

        CliRunner.AssertFails(CliRunner.Run("evaluate", "--model", models.LanguageModel, "--data", textOnly), 1,
            "--data: expected the model's label column 'Language'", "got only 'Word'");
    }

    [Fact]
    public void Predict_TextOutput_OneLinePerText_WithClassesByFallingProbability()
    {
        var lines = CliRunner.Succeed("predict", "--model", models.LanguageModel, "--text", "understanding", "schmetterling").OutLines;
        Assert.Equal(2, lines.Length);
        var fields = lines[0].Split('\t');
        Assert.Equal("understanding", fields[0]);
        var classes = fields[2].Split(' ').Select(pair => pair.Split(':')).ToList();
        Assert.Equal(6, classes.Count);
        Assert.Equal(fields[1], classes[0][0]);
        var probabilities = classes.Select(c => double.Parse(c[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
    }

    [Fact]
    public void Evaluate_Forecasting_ErrorEqualsThePredictedWindowsErrors_AndPredictForecastsPastTheEnd()
    {
        var evaluation = Assert.Single(CliRunner.Succeed("evaluate", "--model", models.SunspotsModel, "--data", TestData.Sunspots, "--json").Json)
            .GetProperty("evaluation");
        var forecasts = CliRunner.Succeed("predict", "--model", models.SunspotsModel, "--data", TestData.Sunspots, "--json").Json;
        double[] series = [.. File.ReadLines(TestData.Sunspots).Skip(1).Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))];

        Assert.Equal(309, series.Length);
        Assert.Equal(309 - 24 - 4 + 1, evaluation.GetProperty("rows").GetInt64());
        Assert.Equal(309 - 24 + 1, forecasts.Count);
        Assert.Equal(24, forecasts[0].GetProperty("row").GetInt64());
        Assert.Equal(309, forecasts[^1].GetProperty("row").GetInt64());

        // Every window whose 4 next values are in the file: the MAE evaluate reports.
        double absolute = 0;
        int count = 0;
        foreach (var forecast in forecasts.Where(f => f.GetProperty("row").GetInt64() + 4 <= series.Length))
        {
            long first = forecast.GetProperty("row").GetInt64();
            var values = forecast.GetProperty("forecast").EnumerateArray().Select(v => (double)v.GetSingle()).ToList();
            Assert.Equal(4, values.Count);
            for (int step = 0; step < 4; step++, count++)
            {
                absolute += Math.Abs(series[first + step] - values[step]);
            }
        }

        Assert.Equal(282 * 4, count);
        Assert.Equal(absolute / count, evaluation.GetProperty("metrics").GetProperty("MeanAbsoluteError").GetDouble(), 6);
        Assert.All(forecasts[^1].GetProperty("forecast").EnumerateArray(), v => Assert.True(float.IsFinite(v.GetSingle())));
    }

    [Fact]
    public void Evaluate_TextOutput_DescribesTheModelFromTheFileAlone()
    {
        var lines = CliRunner.Succeed("evaluate", "--model", models.SunspotsModel, "--data", TestData.Sunspots).OutLines;
        Assert.Equal("model: forecasting of 'Sunspots': 24 past values → next 4", lines[0]);
        Assert.Equal("data: sunspots.csv (comma-separated, header)", lines[1]);
        Assert.Contains(lines, line => line.StartsWith("MeanAbsoluteError ", StringComparison.Ordinal));
        Assert.StartsWith("baseline: last value repeated; the model beats it on MeanAbsoluteError", lines[^1]);
    }

    [Fact]
    public void Predict_Texts_WithAForecaster_IsAUsageError()
        => CliRunner.AssertFails(CliRunner.Run("predict", "--model", models.SunspotsModel, "--text", "word"), 2, "--text", "forecaster", "--data");

    [Fact]
    public void Evaluate_ForecasterOnAFileWithoutItsSeries_NamesTheColumn()
        => CliRunner.AssertFails(CliRunner.Run("evaluate", "--model", models.SunspotsModel, "--data", models.HeldOutWords), 1,
            "--data: expected the model's series column 'Sunspots'", "got only 'Word', 'Language'");

    [Fact]
    public void Evaluate_TruncatedModel_IsADataErrorNamingTheModel()
    {
        byte[] bytes = File.ReadAllBytes(models.LanguageModel);
        string truncated = models.Scratch.PathOf("truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        CliRunner.AssertFails(CliRunner.Run("evaluate", "--model", truncated, "--data", models.HeldOutWords), 1, "--model", truncated);
    }
}
