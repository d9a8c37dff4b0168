using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MLNet.Recurrent.Tests.Testing;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Tests.Samples;

/// <summary>
/// notebooks/language-tour.ipynb, which CI cannot execute, kept honest three ways: its program
/// (samples/NotebookLanguageTour, the notebook's cells as top-level statements) runs and shows what the notebook
/// claims; the notebook is exactly what tools/notebooks/make_notebooks.py makes of that program; and the notebook's
/// code cells compile one after another as script submissions against the built library, as .NET Interactive
/// compiles them.
/// </summary>
public sealed partial class NotebookLanguageTourTests(ITestOutputHelper output)
{
    private const string NotebookFile = "language-tour.ipynb";

    [Fact]
    public void Tour_beats_twice_the_majority_class_shows_attention_summing_to_one_and_reloads_identically()
    {
        var stopwatch = Stopwatch.StartNew();
        string[] lines = DotnetExec.Run("NotebookLanguageTour.dll");
        output.WriteLine($"ran in {stopwatch.Elapsed.TotalSeconds:F1} s:");
        output.WriteLine(string.Join('\n', lines));

        var counts = Single(lines, SplitLine());
        int heldOut = int.Parse(counts.Groups["test"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(4800, int.Parse(counts.Groups["train"].Value, CultureInfo.InvariantCulture) + heldOut);
        double majority = Percent(Single(lines, MajorityLine()).Groups["share"].Value);
        double accuracy = Percent(Single(lines, AccuracyLine()).Groups["accuracy"].Value);
        Assert.InRange(majority, 0.12, 0.22);
        Assert.True(accuracy > 2 * majority, $"accuracy {accuracy:P1} vs majority class {majority:P1}");

        // The loss curve: one bar per epoch, falling.
        double[] losses = [.. lines.Select(line => LossLine().Match(line)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups["loss"].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(4, losses.Length);
        Assert.True(losses[^1] < 0.7 * losses[0], $"loss curve {string.Join(", ", losses)}");

        // The attention map: after each word's line, one line per character (in order) with its weight; Σα = 1.
        var words = lines.Select((line, index) => (Match: AttentionHeader().Match(line), index)).Where(h => h.Match.Success).ToList();
        Assert.Equal(["schmetterling", "chaussure", "obrigado"], words.Select(h => h.Match.Groups["word"].Value));
        foreach (var (header, index) in words)
        {
            string word = header.Groups["word"].Value;
            Assert.Equal(1.0, double.Parse(header.Groups["sum"].Value, CultureInfo.InvariantCulture), 4);
            var steps = lines.Skip(index + 1).Take(word.Length).Select(line => AttentionStep().Match(line)).ToList();
            Assert.All(steps, step => Assert.True(step.Success, $"attention map of '{word}' ends early"));
            Assert.Equal(word, string.Concat(steps.Select(step => step.Groups["character"].Value)));
            double printedSum = steps.Sum(step => double.Parse(step.Groups["weight"].Value, CultureInfo.InvariantCulture));
            Assert.InRange(printedSum, 1 - 0.0005 * word.Length, 1 + 0.0005 * word.Length);
            Assert.False(AttentionStep().IsMatch(lines[index + 1 + word.Length]), $"attention map of '{word}' has more steps than characters");
        }

        var reloaded = Single(lines, ReloadedLine());
        Assert.Equal(heldOut.ToString(CultureInfo.InvariantCulture), reloaded.Groups["total"].Value);
        Assert.Equal(reloaded.Groups["total"].Value, reloaded.Groups["identical"].Value);
        Assert.Equal(6, lines.Count(line => PredictionLine().IsMatch(line)));
    }

    [Fact]
    public async Task Notebook_is_what_make_notebooks_writes_from_the_program()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            output.WriteLine($"not checked: {python} is absent, so tools/notebooks/make_notebooks.py --check cannot run here.");
            return;
        }

        var start = new ProcessStartInfo(python)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("tools", "notebooks", "make_notebooks.py"));
        start.ArgumentList.Add("--check");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"make_notebooks.py --check exited {process.ExitCode}:\n{await stderr}");
        Assert.Contains($"notebooks/{NotebookFile}: up to date", await stdout);
    }

    [Fact]
    public void Notebook_code_cells_compile_one_after_another_as_script_submissions()
    {
        string notebooks = Path.Combine(RepositoryRoot, "notebooks");
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(notebooks, NotebookFile)))!;
        Assert.Equal(".net-csharp", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
        var codeCells = notebook["cells"]!.AsArray().Select(cell => cell!).Where(cell => (string?)cell["cell_type"] == "code").ToList();
        Assert.All(codeCells, cell =>
        {
            Assert.Equal("csharp", (string?)cell["metadata"]!["dotnet_interactive"]!["language"]);
            Assert.Empty(cell["outputs"]!.AsArray());
            Assert.Null(cell["execution_count"]);
        });
        string[] cells = [.. codeCells.Select(cell => string.Concat(cell["source"]!.AsArray().Select(line => (string?)line)))];

        // The kernel resolves #r before compiling a cell: files relative to the notebook's folder, packages from NuGet
        // (here: the same package's assembly next to the tests).
        var references = FrameworkReferences();
        foreach (string directive in cells.SelectMany(cell => cell.Split('\n')).Where(line => line.StartsWith("#r ", StringComparison.Ordinal)))
        {
            string target = directive[3..].Trim().Trim('"');
            string path;
            if (target.StartsWith("nuget:", StringComparison.Ordinal))
            {
                path = Path.Combine(AppContext.BaseDirectory, target["nuget:".Length..].Split(',')[0].Trim() + ".dll");
            }
            else
            {
                path = Path.GetFullPath(Path.Combine(notebooks, target));
#if RELEASE
                Assert.True(File.Exists(path), $"{directive}: {path} does not exist after a Release build");
#else
                path = Path.Combine(AppContext.BaseDirectory, Path.GetFileName(path));
#endif
            }

            Assert.True(File.Exists(path), $"{directive}: {path} not found");
            references.Add(MetadataReference.CreateFromFile(path));
        }

        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp13, kind: SourceCodeKind.Script);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        CSharpCompilation? previous = null;
        for (int i = 0; i < cells.Length; i++)
        {
            string code = string.Join('\n', cells[i].Split('\n').Select(line => line.StartsWith("#r ", StringComparison.Ordinal) ? "" : line));
            var submission = CSharpCompilation.CreateScriptCompilation($"Submission{i}", CSharpSyntaxTree.ParseText(code, parseOptions),
                references, options, previous);
            var errors = submission.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"code cell {i + 1} does not compile after the cells above it:\n{string.Join('\n', errors)}\n{code}");
            previous = submission;
        }

        Assert.True(cells.Length >= 8, $"expected the tour's code cells, got {cells.Length}");
    }

    /// <summary>The repository's root: the first folder above the tests that holds MLNet.Recurrent.sln.</summary>
    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MLNet.Recurrent.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"no MLNet.Recurrent.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>The runtime's own assemblies (what a notebook kernel compiles against), not the tests' or the samples'.</summary>
    private static List<MetadataReference> FrameworkReferences()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == runtime)
            .Select(path => MetadataReference.CreateFromFile(path))];
    }

    private static Match Single(string[] lines, Regex pattern)
    {
        var matches = lines.Select(line => pattern.Match(line)).Where(m => m.Success).ToList();
        Assert.True(matches.Count == 1, $"expected one line matching {pattern}, got {matches.Count}");
        return matches[0];
    }

    private static double Percent(string value) => double.Parse(value, CultureInfo.InvariantCulture) / 100;

    [GeneratedRegex(@"^(?<train>\d+) training words, (?<test>\d+) held out$")]
    private static partial Regex SplitLine();

    [GeneratedRegex(@"^majority class: \w+, (?<share>[\d.]+) ?% of the held-out words$")]
    private static partial Regex MajorityLine();

    [GeneratedRegex(@"^accuracy (?<accuracy>[\d.]+) ?% \(macro [\d.]+ ?%\), log-loss [\d.]+; always '\w+': [\d.]+ ?%$")]
    private static partial Regex AccuracyLine();

    [GeneratedRegex(@"^  epoch \d+  (?<loss>[\d.]+)  █+$")]
    private static partial Regex LossLine();

    [GeneratedRegex(@"^(?<word>\w+) \(\w+\) → \w+, p = [\d.]+, Σα = (?<sum>[\d.]+)$")]
    private static partial Regex AttentionHeader();

    [GeneratedRegex(@"^  (?<character>\S)  (?<weight>\d\.\d{3})  █*$")]
    private static partial Regex AttentionStep();

    [GeneratedRegex(@"^reloaded: (?<identical>\d+) of (?<total>\d+) held-out words scored identically$")]
    private static partial Regex ReloadedLine();

    [GeneratedRegex(@"^\w+ +→ \w+ +p = [\d.]+$")]
    private static partial Regex PredictionLine();
}
