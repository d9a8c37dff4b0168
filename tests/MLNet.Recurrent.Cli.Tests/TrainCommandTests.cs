using System.Text.Json;

namespace MLNet.Recurrent.Cli.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class TrainCommandTests(TrainedModels models)
{
    private static double Metric(JsonElement evaluation, string name) => evaluation.GetProperty("metrics").GetProperty(name).GetDouble();

    private static double BaselineMetric(JsonElement evaluation, string name)
        => evaluation.GetProperty("baseline").GetProperty("metrics").GetProperty(name).GetDouble();

    [Fact]
    public void Train_Classification_Json_BeatsMajorityClass_AndSavesTheModelZip()
    {
        var training = models.LanguageTraining;
        var evaluation = training.GetProperty("evaluation");
        Assert.Equal("classification", training.GetProperty("task").GetString());
        Assert.Equal("MicroAccuracy", evaluation.GetProperty("mainMetric").GetString());
        Assert.True(evaluation.GetProperty("beatsBaseline").GetBoolean());
        Assert.True(Metric(evaluation, "MicroAccuracy") > BaselineMetric(evaluation, "MicroAccuracy") + 0.15,
            $"accuracy {Metric(evaluation, "MicroAccuracy")} vs majority {BaselineMetric(evaluation, "MicroAccuracy")}");
        Assert.StartsWith("majority class '", evaluation.GetProperty("baseline").GetProperty("name").GetString());

        int trained = training.GetProperty("trainingRows").GetInt32();
        Assert.Equal(599, trained + evaluation.GetProperty("rows").GetInt32());
        var loss = training.GetProperty("loss").EnumerateArray().Select(l => l.GetDouble()).ToList();
        Assert.Equal(TrainedModels.LanguageEpochs, loss.Count);
        Assert.True(loss[^1] < loss[0], "the training loss falls");

        byte[] zip = File.ReadAllBytes(models.LanguageModel);
        Assert.True(zip is [(byte)'P', (byte)'K', ..], "the model is a zip");
    }

    [Fact]
    public void Train_Forecasting_Json_SplitsInTime_AndBeatsTheLastValue()
    {
        var training = models.SunspotsTraining;
        var evaluation = training.GetProperty("evaluation");
        // 309 values → 309 − 24 − 4 + 1 = 282 windows; round(0.8 · 282) = 226 train; 282 − 226 − 3 = 53 held out.
        Assert.Equal(226, training.GetProperty("trainingRows").GetInt32());
        Assert.Equal(53, evaluation.GetProperty("rows").GetInt32());
        Assert.Equal("MeanAbsoluteError", evaluation.GetProperty("mainMetric").GetString());
        Assert.Equal("last value repeated", evaluation.GetProperty("baseline").GetProperty("name").GetString());
        Assert.True(Metric(evaluation, "MeanAbsoluteError") < 0.9 * BaselineMetric(evaluation, "MeanAbsoluteError"),
            $"MAE {Metric(evaluation, "MeanAbsoluteError")} vs last value {BaselineMetric(evaluation, "MeanAbsoluteError")}");
        Assert.True(evaluation.GetProperty("beatsBaseline").GetBoolean());
    }

    [Fact]
    public void Train_Regression_OverText_BeatsTheTrainingMean()
    {
        string data = models.Scratch.LetterCounts(400);
        var result = CliRunner.Succeed("train", "--data", data, "--task", "regression", "--label", "Count", "--text", "Text", "--tokens", "char",
            "--hidden", "32", "--epochs", "10", "--model", models.Scratch.PathOf("counts.zip"), "--json");
        var evaluation = Assert.Single(result.Json).GetProperty("evaluation");
        Assert.StartsWith("training mean ", evaluation.GetProperty("baseline").GetProperty("name").GetString());
        Assert.True(Metric(evaluation, "RootMeanSquaredError") < 0.6 * BaselineMetric(evaluation, "RootMeanSquaredError"),
            $"RMSE {Metric(evaluation, "RootMeanSquaredError")} vs mean {BaselineMetric(evaluation, "RootMeanSquaredError")}");
        Assert.True(Metric(evaluation, "RSquared") > 0.5);
    }

    [Fact]
    public void Train_TextOutput_PrintsSettingsEpochsMetricsBaselineAndTheSavedFile()
    {
        string model = models.Scratch.PathOf("text-output.zip");
        var result = CliRunner.Succeed("train", "--data", models.LanguageData, "--task", "classification", "--label", "Language", "--text", "Word",
            "--tokens", "char", "--cell", "rnn", "--hidden", "16", "--epochs", "2", "--attention", "pooling", "--model", model);
        var lines = result.OutLines;
        Assert.StartsWith("data: words.tsv (tab-separated, header); random 20 % held out (seed 1)", lines[0]);
        Assert.Equal("task: classification of 'Language' from the characters of 'Word'", lines[1]);
        Assert.StartsWith("model: RNN, pooling attention, H=16, 1 layer; 2 epochs, batch 32, learning rate 0.003, seed 1", lines[2]);
        Assert.StartsWith("epoch 1/2  loss ", lines[3]);
        Assert.StartsWith("epoch 2/2  loss ", lines[4]);
        Assert.Contains(lines, line => line.StartsWith("MicroAccuracy ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("baseline: majority class '", StringComparison.Ordinal));
        Assert.Equal($"saved {model} ({new FileInfo(model).Length / 1024} KiB)", lines[^1]);
    }

    [Fact]
    public void Train_SameSeed_GivesTheSameMetrics_AnotherSeedAnotherSplit()
    {
        string[] Args(string seed) => ["train", "--data", models.LanguageData, "--task", "classification", "--label", "Language", "--text", "Word",
            "--tokens", "char", "--cell", "gru", "--hidden", "8", "--epochs", "1", "--seed", seed, "--model", models.Scratch.PathOf($"seed{seed}.zip"), "--json"];
        string Evaluation(string seed) => Assert.Single(CliRunner.Succeed(Args(seed)).Json).GetProperty("evaluation").GetRawText();

        Assert.Equal(Evaluation("5"), Evaluation("5"));
        Assert.NotEqual(Evaluation("5"), Evaluation("6"));
    }

    [Fact]
    public void Train_WithoutHeader_NamesColumnsByIndex()
    {
        var rows = File.ReadLines(models.LanguageData).Skip(1).Select(line => string.Join('\t', line.Split('\t').Reverse()));
        string data = models.Scratch.Write("no-header.txt", string.Join("\n", rows) + "\n");
        var result = CliRunner.Succeed("train", "--data", data, "--has-header", "false", "--separator", "tab", "--task", "classification",
            "--label", "0", "--text", "1", "--tokens", "char", "--hidden", "8", "--epochs", "1", "--model", models.Scratch.PathOf("no-header.zip"), "--json");
        Assert.Equal(599, Assert.Single(result.Json).GetProperty("trainingRows").GetInt32()
                          + result.Json[0].GetProperty("evaluation").GetProperty("rows").GetInt32());
    }
}
