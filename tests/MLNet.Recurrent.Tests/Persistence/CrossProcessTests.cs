using System.Diagnostics;
using MLNet.Recurrent.ModelRoundTrip;

namespace MLNet.Recurrent.Tests.Persistence;

/// <summary>A model saved by this process loads in another with identical predictions.</summary>
public sealed class CrossProcessTests
{
    [Fact]
    public void Model_saved_here_predicts_identically_in_a_fresh_process()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.zip");
        var model = SampleModel.Build(seed: 11);
        new MLContext(1).Model.Save(model, SampleModel.Input().Schema, path);

        var output = RunHelper(path);
        string[] expected = [$"schema: {SampleModel.Input().Schema}", .. SampleModel.Predict(model)];
        Assert.Equal(expected, output);
    }

    private static string[] RunHelper(string modelPath)
    {
        string helper = Path.Combine(AppContext.BaseDirectory, "MLNet.Recurrent.ModelRoundTrip.dll");
        Assert.True(File.Exists(helper), $"the helper was not copied next to the tests: {helper}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(modelPath);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the helper did not finish within 60 s");
        Assert.True(process.ExitCode == 0, $"the helper failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
    }
}
