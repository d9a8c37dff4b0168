using System.Globalization;

namespace MLNet.Recurrent.Cli.Tests;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Compare_Json_OneObjectPerModelBestFirst_ThenASummary_AndSavesTheBest()
    {
        string best = _data.PathOf("best.zip");
        string words = _data.LanguageWords(400);
        var lines = CliRunner.Succeed("compare", "--data", words, "--task", "classification", "--label", "Language", "--text", "Word",
            "--tokens", "char", "--cells", "lstm,gru", "--attention", "none,additive", "--hidden", "16", "--epochs", "2", "--model", best, "--json").Json;

        Assert.Equal(5, lines.Count);
        var models = lines.Take(4).ToList();
        Assert.Equal([1, 2, 3, 4], models.Select(m => m.GetProperty("rank").GetInt32()));
        Assert.Equal(["gru+additive", "gru+none", "lstm+additive", "lstm+none"], models.Select(m => m.GetProperty("model").GetString()).Order());
        var accuracies = models.Select(m => m.GetProperty("evaluation").GetProperty("metrics").GetProperty("MicroAccuracy").GetDouble()).ToList();
        Assert.Equal(accuracies.OrderByDescending(a => a), accuracies);
        Assert.All(models, m => Assert.True(m.GetProperty("seconds").GetDouble() > 0));
        Assert.Single(models.Select(m => m.GetProperty("evaluation").GetProperty("rows").GetInt32()).Distinct());

        var summary = lines[4];
        Assert.True(summary.GetProperty("summary").GetBoolean());
        Assert.Equal("MicroAccuracy", summary.GetProperty("mainMetric").GetString());
        Assert.False(summary.GetProperty("lowerIsBetter").GetBoolean());
        Assert.Equal(4, summary.GetProperty("models").GetInt32());
        Assert.Equal(models[0].GetProperty("model").GetString(), summary.GetProperty("best").GetString());
        Assert.Equal(best, summary.GetProperty("savedModel").GetString());

        var evaluation = Assert.Single(CliRunner.Succeed("evaluate", "--model", best, "--data", words, "--json").Json);
        Assert.Equal("classification", evaluation.GetProperty("task").GetString());
    }

    [Fact]
    public void Compare_Forecasting_Text_RanksByAscendingError_WithTheBaselineLast()
    {
        var lines = CliRunner.Succeed("compare", "--data", TestData.Sunspots, "--task", "forecasting", "--series", "Sunspots", "--window", "12",
            "--horizon", "2", "--cells", "gru,rnn", "--hidden", "16", "--epochs", "3").OutLines;

        int header = Array.FindIndex(lines, line => line.StartsWith("rank", StringComparison.Ordinal));
        Assert.True(header > 0, string.Join("\n", lines));
        Assert.Contains("MeanAbsoluteError", lines[header]);
        var ranked = lines.Skip(header + 1).Take(2).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["1", "2"], ranked.Select(r => r[0]));
        Assert.Equal(["gru+none", "rnn+none"], ranked.Select(r => r[1]).Order());
        var errors = ranked.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToList();
        Assert.True(errors[0] <= errors[1]);
        Assert.Equal(["-", "baseline"], lines[header + 3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]);
        Assert.Contains("(last value repeated)", lines[header + 3]);
        Assert.StartsWith("lower MeanAbsoluteError is better", lines[^1]);
    }
}
