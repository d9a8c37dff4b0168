using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.Recurrent.Cli.Output;

/// <summary>
/// The <c>--json</c> output: one JSON object per line (camelCase properties, metric names as ML.NET spells them, NaN and
/// infinities as the strings "NaN", "Infinity", "-Infinity").
/// </summary>
internal static class JsonLines
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="value"/> as one line of JSON.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="value">An object (anonymous objects and dictionaries welcome).</param>
    public static void Write(TextWriter output, object value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
