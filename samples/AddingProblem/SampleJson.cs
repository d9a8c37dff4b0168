using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>How the samples write their <c>--json</c> report: one line, nulls left out, NaN and infinities as the strings "NaN", "Infinity".</summary>
public static class SampleJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises <paramref name="report"/> to one line of JSON.</summary>
    /// <param name="report">An object (typically anonymous) of numbers, strings, lists and nested objects.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object report) => JsonSerializer.Serialize(report, Options);
}
