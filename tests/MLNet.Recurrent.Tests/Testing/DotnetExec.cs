using System.Diagnostics;

namespace MLNet.Recurrent.Tests.Testing;

/// <summary>Runs an assembly copied next to the tests in a new process (<c>dotnet exec</c>) and returns its output lines.</summary>
internal static class DotnetExec
{
    /// <summary>Runs <paramref name="assemblyFileName"/> with <paramref name="arguments"/>; fails the test on a non-zero exit or a timeout.</summary>
    /// <param name="assemblyFileName">The assembly's file name in the test output directory.</param>
    /// <param name="arguments">Its command-line arguments.</param>
    /// <returns>The lines it printed on standard output.</returns>
    public static string[] Run(string assemblyFileName, params string[] arguments)
    {
        string assembly = Path.Combine(AppContext.BaseDirectory, assemblyFileName);
        Assert.True(File.Exists(assembly), $"{assemblyFileName} was not copied next to the tests: {assembly}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), $"{assemblyFileName} did not finish within 120 s");
        Assert.True(process.ExitCode == 0, $"{assemblyFileName} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
    }
}
