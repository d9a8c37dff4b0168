using System.Text.Json;

namespace MLNet.Recurrent.Cli.Tests;

/// <summary>What one in-process run of the command line produced.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Out">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error.</param>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output's lines.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Standard output parsed as one JSON object per line (fails the test when a line is not JSON).</summary>
    public List<JsonElement> Json => [.. OutLines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];
}

/// <summary>Runs <c>mlnet-recurrent</c> in this process through <see cref="CliApplication.Run"/>, capturing both streams.</summary>
internal static class CliRunner
{
    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>Exit code and output.</returns>
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApplication.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed, failing with its error output otherwise.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>Its output.</returns>
    public static CliResult Succeed(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Error}");
        Assert.Equal("", result.Error);
        return result;
    }

    /// <summary>Asserts a failure: the exit code, one line on standard error that contains every fragment, no stack trace.</summary>
    /// <param name="result">The run.</param>
    /// <param name="exitCode">The expected exit code (1 data/model, 2 usage).</param>
    /// <param name="fragments">Texts the message must contain.</param>
    public static void AssertFails(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.Equal(exitCode, result.ExitCode);
        string message = result.Error.TrimEnd('\r', '\n');
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("error: ", message);
        Assert.DoesNotContain("   at ", message);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, message);
        }
    }
}
