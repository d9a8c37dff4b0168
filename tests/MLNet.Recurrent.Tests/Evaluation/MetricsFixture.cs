using System.Globalization;
using System.Text.Json;

namespace MLNet.Recurrent.Tests.Evaluation;

/// <summary>
/// The metric parity cases written by tools/fixtures/generate_metrics_fixtures.py: read from
/// <c>$MLNET_FIXTURES/metrics/metrics.json</c> when that variable is set, else from the committed copy.
/// Non-finite numbers are stored as the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
internal static class MetricsFixture
{
    /// <summary>Absolute and relative tolerance of a parity comparison: inputs are identical float32 values on both sides, so only summation order differs.</summary>
    public const double Tolerance = 1e-9;

    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        string? root = Environment.GetEnvironmentVariable("MLNET_FIXTURES");
        string directory = string.IsNullOrEmpty(root) ? Path.Combine(AppContext.BaseDirectory, "fixtures", "metrics") : Path.Combine(root, "metrics");
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "metrics.json")));
    });

    /// <summary>The cases of one task ("binary", "multiclass", ...).</summary>
    /// <param name="task">The task's key in the document.</param>
    /// <returns>The case objects.</returns>
    public static IEnumerable<JsonElement> Cases(string task) => Document.Value.RootElement.GetProperty(task).EnumerateArray();

    /// <summary>The names of a task's cases, as xunit member data.</summary>
    /// <param name="task">The task's key.</param>
    /// <returns>One row per case.</returns>
    public static TheoryData<string> Names(string task) => [.. Cases(task).Select(c => c.GetProperty("name").GetString()!)];

    /// <summary>The case of <paramref name="task"/> named <paramref name="name"/>.</summary>
    /// <param name="task">The task's key.</param>
    /// <param name="name">The case's name.</param>
    /// <returns>The case.</returns>
    public static JsonElement Case(string task, string name) => Cases(task).Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A number that may be stored as a string.</summary>
    /// <param name="element">A JSON number or "NaN"/"Infinity"/"-Infinity".</param>
    /// <returns>The value.</returns>
    public static double Number(JsonElement element)
        => element.ValueKind == JsonValueKind.String ? double.Parse(element.GetString()!, CultureInfo.InvariantCulture) : element.GetDouble();

    /// <summary>A float32 input value.</summary>
    /// <param name="element">A JSON number or special string.</param>
    /// <returns>The value.</returns>
    public static float Single(JsonElement element) => (float)Number(element);

    /// <summary>An array of float32 input values.</summary>
    /// <param name="element">A JSON array.</param>
    /// <returns>The values.</returns>
    public static float[] Singles(JsonElement element) => element.EnumerateArray().Select(Single).ToArray();

    /// <summary>An array of expected values.</summary>
    /// <param name="element">A JSON array.</param>
    /// <returns>The values.</returns>
    public static double[] Numbers(JsonElement element) => element.EnumerateArray().Select(Number).ToArray();

    /// <summary>An array of integers.</summary>
    /// <param name="element">A JSON array.</param>
    /// <returns>The values.</returns>
    public static int[] Ints(JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Asserts <paramref name="actual"/> equals the expected value of <paramref name="metric"/> within <see cref="Tolerance"/> (NaN equals NaN, infinities must match).</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="metric">The metric's name in "expected".</param>
    /// <param name="actual">The computed value.</param>
    public static void AssertMetric(JsonElement testCase, string metric, double actual)
        => AssertClose(Number(testCase.GetProperty("expected").GetProperty(metric)), actual, metric);

    /// <summary>Asserts a list metric element by element.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="metric">The metric's name in "expected".</param>
    /// <param name="actual">The computed values.</param>
    public static void AssertMetrics(JsonElement testCase, string metric, IReadOnlyList<double> actual)
    {
        var expected = Numbers(testCase.GetProperty("expected").GetProperty(metric));
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], $"{metric}[{i}]");
        }
    }

    /// <summary>Asserts confusion counts.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="actual">Counts[actual][predicted].</param>
    public static void AssertConfusion(JsonElement testCase, IReadOnlyList<IReadOnlyList<double>> actual)
    {
        var expected = testCase.GetProperty("expected").GetProperty("ConfusionCounts").EnumerateArray().Select(Numbers).ToArray();
        Assert.Equal(expected, actual.Select(row => row.ToArray()).ToArray());
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        bool equal = expected.Equals(actual)
            || Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(equal, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
