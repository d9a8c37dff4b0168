using System.Text.Json.Nodes;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Persistence.Schema;

/// <summary>
/// Column types as JSON, from a closed set of names — the file never names a .NET type:
/// <c>{"kind": "Single" | "Double" | "Int32" | "Int64" | "UInt32" | "Boolean" | "Text"}</c>,
/// <c>{"kind": "Key", "count": n}</c> (1 ≤ n ≤ 2³² − 1) and
/// <c>{"kind": "Vector", "item": primitive or key type, "dimensions": [d0, ...]}</c> (each dᵢ ≥ 0, a 0 meaning
/// variable length, Π dᵢ ≤ 2³¹ − 1, at most 8 dimensions).
/// </summary>
internal static class ColumnTypeJson
{
    private const int MaxDimensions = 8;

    private static readonly (string Name, PrimitiveDataViewType Type)[] Primitives =
    [
        ("Single", NumberDataViewType.Single),
        ("Double", NumberDataViewType.Double),
        ("Int32", NumberDataViewType.Int32),
        ("Int64", NumberDataViewType.Int64),
        ("UInt32", NumberDataViewType.UInt32),
        ("Boolean", BooleanDataViewType.Instance),
        ("Text", TextDataViewType.Instance),
    ];

    /// <summary>The names of the types a model file can record, for messages.</summary>
    public static string Supported => string.Join(", ", Primitives.Select(p => p.Name)) + ", Key, Vector of those";

    /// <summary>Writes a column type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Its JSON, or null when the type is not in the closed set (a type defined outside this library).</returns>
    public static JsonObject? Write(DataViewType type)
    {
        switch (type)
        {
            case KeyDataViewType key:
                return new JsonObject { ["kind"] = "Key", ["count"] = key.Count };
            case VectorDataViewType vector:
                return Write(vector.ItemType) is { } item
                    ? new JsonObject { ["kind"] = "Vector", ["item"] = item, ["dimensions"] = new JsonArray([.. vector.Dimensions.Select(d => JsonValue.Create(d))]) }
                    : null;
            default:
                foreach (var (name, primitive) in Primitives)
                {
                    if (primitive.Equals(type))
                    {
                        return new JsonObject { ["kind"] = name };
                    }
                }

                return null;
        }
    }

    /// <summary>Reads a column type.</summary>
    /// <param name="node">The JSON.</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ModelFormatException">Not a type of the closed set, or out of range.</exception>
    public static DataViewType Read(JsonNode? node, string entry, string at)
    {
        var json = ManifestJson.Object(node, entry, at);
        string kind = ManifestJson.String(json["kind"], entry, $"{at}.kind");
        return kind == "Vector" ? ReadVector(json, entry, at) : ReadItem(json, kind, entry, at);
    }

    private static PrimitiveDataViewType ReadItem(JsonObject json, string kind, string entry, string at)
    {
        if (kind == "Key")
        {
            long count = ManifestJson.Int64(json["count"], entry, $"{at}.count");
            return count is >= 1 and <= uint.MaxValue
                ? new KeyDataViewType(typeof(uint), (ulong)count)
                : throw new ModelFormatException(entry, $"{at}.count: expected 1 … {uint.MaxValue}, got {count}.");
        }

        foreach (var (name, primitive) in Primitives)
        {
            if (name == kind)
            {
                return primitive;
            }
        }

        throw new ModelFormatException(entry, $"{at}.kind: unknown column type '{kind}'; expected one of {Supported}.");
    }

    private static VectorDataViewType ReadVector(JsonObject json, string entry, string at)
    {
        var itemJson = ManifestJson.Object(json["item"], entry, $"{at}.item");
        string itemKind = ManifestJson.String(itemJson["kind"], entry, $"{at}.item.kind");
        if (itemKind == "Vector")
        {
            throw new ModelFormatException(entry, $"{at}.item: a vector's items must be a primitive or key type, got a Vector.");
        }

        var item = ReadItem(itemJson, itemKind, entry, $"{at}.item");
        var dimensionsJson = ManifestJson.Array(json["dimensions"], entry, $"{at}.dimensions");
        if (dimensionsJson.Count is 0 or > MaxDimensions)
        {
            throw new ModelFormatException(entry, $"{at}.dimensions: expected 1 … {MaxDimensions} sizes, got {dimensionsJson.Count}.");
        }

        var dimensions = new int[dimensionsJson.Count];
        long size = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            dimensions[i] = ManifestJson.Int32(dimensionsJson[i], entry, $"{at}.dimensions[{i}]");
            if (dimensions[i] < 0)
            {
                throw new ModelFormatException(entry, $"{at}.dimensions[{i}]: expected a size ≥ 0, got {dimensions[i]}.");
            }

            size = Math.Min(size * dimensions[i], (long)int.MaxValue + 1);
        }

        return size <= int.MaxValue
            ? new VectorDataViewType(item, dimensions)
            : throw new ModelFormatException(entry, $"{at}.dimensions: the sizes multiply to more than {int.MaxValue} items.");
    }
}
