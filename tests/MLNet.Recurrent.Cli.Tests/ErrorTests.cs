namespace MLNet.Recurrent.Cli.Tests;

/// <summary>Every failure is one line on standard error naming the option or column, exit code 1 (data, model) or 2 (usage).</summary>
public sealed class ErrorTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    private string[] TrainWords(params string[] extra)
        => ["train", "--data", _data.LanguageWords(40), "--text", "Word", "--model", _data.PathOf("m.zip"), .. extra];

    [Fact]
    public void MissingColumn_NamesTheOption_TheColumn_AndTheColumnsThereAre()
        => CliRunner.AssertFails(CliRunner.Run(TrainWords("--task", "classification", "--label", "Lang")), 1, "--label", "got 'Lang'", "('Word', 'Language')");

    [Fact]
    public void MissingDataFile_NamesTheOptionAndThePath()
    {
        string missing = _data.PathOf("nowhere.csv");
        CliRunner.AssertFails(CliRunner.Run("train", "--data", missing, "--task", "forecasting", "--series", "x", "--window", "2", "--horizon", "1",
            "--model", _data.PathOf("m.zip")), 1, "--data", missing, "does not exist");
    }

    [Fact]
    public void MissingModelFile_NamesTheOption()
        => CliRunner.AssertFails(CliRunner.Run("predict", "--model", _data.PathOf("none.zip"), "--text", "hello"), 1, "--model", "does not exist");

    [Fact]
    public void UnknownTask_IsAUsageError_ListingTheTasks()
        => CliRunner.AssertFails(CliRunner.Run(TrainWords("--label", "Language", "--task", "clustering")), 2,
            "--task: expected classification, regression or forecasting, got 'clustering'");

    [Fact]
    public void CorruptModelFile_IsADataError_NamingTheModel()
    {
        string model = _data.Write("corrupt.zip", "PK this is not a zip archive");
        CliRunner.AssertFails(CliRunner.Run("evaluate", "--model", model, "--data", _data.LanguageWords(10)), 1, "--model", model, "not a readable zip archive");
    }

    [Fact]
    public void TextInANumericColumn_NamesTheColumnLineAndValue()
    {
        var result = CliRunner.Run(TrainWords("--label", "Language", "--task", "regression"));
        CliRunner.AssertFails(result, 1, "--data", "(2)", "column 'Language'", "expected a Single", "got 'English'");
    }

    [Fact]
    public void MissingRequiredOption_IsAUsageError()
        => CliRunner.AssertFails(CliRunner.Run("train", "--data", "x.csv", "--task", "classification", "--label", "a", "--text", "b"), 2, "--model");

    [Fact]
    public void MissingTaskColumnOption_IsAUsageError_NamingIt()
        => CliRunner.AssertFails(CliRunner.Run("train", "--data", "x.csv", "--task", "forecasting", "--series", "v", "--window", "3", "--model", "m.zip"),
            2, "--horizon: expected a value with --task forecasting");

    [Fact]
    public void OptionOfAnotherTask_IsAUsageError()
        => CliRunner.AssertFails(CliRunner.Run(TrainWords("--task", "classification", "--label", "Language", "--window", "3")), 2, "--window: not used by --task classification");

    [Theory]
    [InlineData("--epochs", "x", "--epochs: expected an integer ≥ 1, got 'x'")]
    [InlineData("--hidden", "0", "--hidden: expected an integer ≥ 1, got '0'")]
    [InlineData("--learning-rate", "-0.1", "--learning-rate: expected a number > 0, got '-0.1'")]
    [InlineData("--test-fraction", "1", "--test-fraction: expected a fraction in (0, 1), got '1'")]
    [InlineData("--cell", "transformer", "--cell: expected lstm, gru, rnn or rnn-relu, got 'transformer'")]
    [InlineData("--separator", "ab", "--separator: expected one character, 'tab', 'comma', 'semicolon' or 'space', got 'ab'")]
    public void BadOptionValue_IsAUsageError_SayingExpectedAndGot(string option, string value, string message)
        => CliRunner.AssertFails(CliRunner.Run(TrainWords("--task", "classification", "--label", "Language", option, value)), 2, message);

    [Fact]
    public void PredictWithNeitherDataNorText_IsAUsageError()
        => CliRunner.AssertFails(CliRunner.Run("predict", "--model", "m.zip"), 2, "--data or --text: expected one of them, got neither");

    [Fact]
    public void UnknownCommand_IsAUsageError()
        => CliRunner.AssertFails(CliRunner.Run("fit", "--data", "x.csv"), 2, "expected a command (train, evaluate, predict or compare), got 'fit'");

    [Fact]
    public void UnknownOption_IsAUsageError()
        => CliRunner.AssertFails(CliRunner.Run(TrainWords("--task", "classification", "--label", "Language", "--hiden", "8")), 2, "'--hiden'");

    [Fact]
    public void SeriesTooShortForTheWindow_NamesTheOptions()
        => CliRunner.AssertFails(CliRunner.Run("train", "--data", TestData.Sunspots, "--task", "forecasting", "--series", "Sunspots",
            "--window", "300", "--horizon", "5", "--model", _data.PathOf("m.zip")), 1, "--series", "300 + 5", "--window");

    [Fact]
    public void EmptyDataFile_IsADataError()
        => CliRunner.AssertFails(CliRunner.Run("train", "--data", _data.Write("empty.csv", ""), "--task", "classification", "--label", "a",
            "--text", "b", "--model", _data.PathOf("m.zip")), 1, "--data", "empty file");

    [Fact]
    public void Help_ListsTheCommands_AndSucceeds()
    {
        var result = CliRunner.Succeed("--help");
        foreach (string command in new[] { "train", "evaluate", "predict", "compare" })
        {
            Assert.Contains(command, result.Out);
        }
    }
}
