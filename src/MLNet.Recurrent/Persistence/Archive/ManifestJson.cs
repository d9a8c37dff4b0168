using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// Parsing and typed reading of the JSON entries of a model file. Every failure is a <see cref="ModelFormatException"/>
/// naming the entry and the place inside it (<c>nodes/2/manifest.json: children.0: expected a string, got Number.</c>).
/// </summary>
internal static class ManifestJson
{
    /// <summary>JSON nesting deeper than this is refused (System.Text.Json's default).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Parses a JSON object, checking everything up front: syntax, depth, duplicate property names, and that every
    /// string is valid UTF-8 without lone surrogates (System.Text.Json checks strings only when they are read, so
    /// a loader would otherwise meet the error later, as another exception type).
    /// </summary>
    /// <param name="utf8">The entry's bytes.</param>
    /// <param name="entry">The entry's name, for messages.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ModelFormatException">Not a valid JSON object.</exception>
    public static JsonObject ParseObject(byte[] utf8, string entry)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    reader.GetString();
                }
            }

            var node = JsonNode.Parse(utf8, documentOptions: DocumentOptions);
            return node as JsonObject ?? throw new ModelFormatException(entry, $"expected a JSON object, got {KindOf(node)}.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new ModelFormatException(entry, $"not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>A required string.</summary>
    /// <param name="node">The value (null when absent).</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The string.</returns>
    /// <exception cref="ModelFormatException">Absent or not a string.</exception>
    public static string String(JsonNode? node, string entry, string at)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Expected(entry, at, "a string", node);

    /// <summary>A required 32-bit integer.</summary>
    /// <param name="node">The value (null when absent).</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ModelFormatException">Absent, not a number, fractional or out of range.</exception>
    public static int Int32(JsonNode? node, string entry, string at)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int result)
            ? result
            : throw Expected(entry, at, "an integer", node);

    /// <summary>A required 64-bit integer.</summary>
    /// <param name="node">The value (null when absent).</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ModelFormatException">Absent, not a number, fractional or out of range.</exception>
    public static long Int64(JsonNode? node, string entry, string at)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out long result)
            ? result
            : throw Expected(entry, at, "an integer", node);

    /// <summary>A required object.</summary>
    /// <param name="node">The value (null when absent).</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ModelFormatException">Absent or not an object.</exception>
    public static JsonObject Object(JsonNode? node, string entry, string at)
        => node as JsonObject ?? throw Expected(entry, at, "an object", node);

    /// <summary>A required array.</summary>
    /// <param name="node">The value (null when absent).</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ModelFormatException">Absent or not an array.</exception>
    public static JsonArray Array(JsonNode? node, string entry, string at)
        => node as JsonArray ?? throw Expected(entry, at, "an array", node);

    /// <summary>The error "expected X, got Y" at a place in an entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="at">The place in the entry.</param>
    /// <param name="expected">What was expected, in words.</param>
    /// <param name="node">What was found.</param>
    /// <returns>The exception to throw.</returns>
    public static ModelFormatException Expected(string entry, string at, string expected, JsonNode? node)
        => new(entry, $"{at}: expected {expected}, got {Describe(node)}.");

    private static string Describe(JsonNode? node)
    {
        if (node is null)
        {
            return "nothing (missing or null)";
        }

        string text = node.ToJsonString();
        return text.Length <= 40 ? $"{KindOf(node)} {text}" : $"{KindOf(node)} {text[..40]}…";
    }

    private static string KindOf(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString();
}
