using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace MLNet.Recurrent.Engine.Interop;

/// <summary>
/// Parses and validates the JSON header of a safetensors file, following the reference implementation's rules:
/// every tensor has a known <c>dtype</c> (only F32 is accepted here), a <c>shape</c> of non-negative integers and
/// <c>data_offsets</c> [begin, end] whose length is the element count × 4, and the tensors' byte ranges, sorted by
/// offset, cover the data buffer from 0 with no overlap and no hole.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>The largest header accepted, in bytes (the reference implementation's limit).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The only dtype read as a tensor.</summary>
    public const string Float32 = "F32";

    /// <summary>The reserved header key of the string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(SafeTensorsEntry[] entries, OrderedDictionary<string, string> metadata, long dataLength)
    {
        Entries = entries;
        Metadata = metadata;
        DataLength = dataLength;
    }

    /// <summary>The tensor entries, sorted by data offset (ties in header order).</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> entries, in header order.</summary>
    public OrderedDictionary<string, string> Metadata { get; }

    /// <summary>The exact length the data buffer must have: the end of the last tensor.</summary>
    public long DataLength { get; }

    /// <summary>Checks the 8-byte length prefix against the limit and against the bytes available after it.</summary>
    /// <param name="headerLength">The decoded prefix.</param>
    /// <param name="available">The bytes that follow the prefix, or -1 when unknown (a non-seekable stream).</param>
    /// <exception cref="SafeTensorsFormatException">The length exceeds the limit or the bytes available.</exception>
    public static void CheckHeaderLength(ulong headerLength, long available)
    {
        if (headerLength > MaxHeaderLength)
        {
            throw Error($"header length: expected at most {MaxHeaderLength} bytes, got {headerLength}.");
        }
        if (available >= 0 && (long)headerLength > available)
        {
            throw Error($"header length: the prefix announces {headerLength} bytes, but only {available} follow it (truncated file?).");
        }
    }

    /// <summary>Checks that the data buffer has exactly the length the header describes.</summary>
    /// <param name="actual">The bytes after the header.</param>
    /// <exception cref="SafeTensorsFormatException">The buffer is shorter (truncated) or longer (uncovered trailing bytes).</exception>
    public void CheckDataLength(long actual)
    {
        if (actual < DataLength)
        {
            throw Error($"data buffer: expected {DataLength} bytes as the header describes, got {actual} (truncated file?).");
        }
        if (actual > DataLength)
        {
            throw Error($"data buffer: expected {DataLength} bytes as the header describes, got {actual}; {actual - DataLength} trailing bytes belong to no tensor.");
        }
    }

    /// <summary>Parses a header.</summary>
    /// <param name="json">The header bytes (UTF-8 JSON, possibly padded with trailing spaces).</param>
    /// <returns>The validated header.</returns>
    /// <exception cref="SafeTensorsFormatException">The header is not valid UTF-8 JSON or breaks a rule of the format.</exception>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            throw Error(json.IsEmpty
                ? "header: expected a JSON object starting with '{', got 0 bytes."
                : $"header: expected a JSON object starting with '{{', got byte 0x{json[0]:X2}.");
        }
        if (!Utf8.IsValid(json))
        {
            throw Error($"header: expected UTF-8 text, got an invalid byte sequence at offset {FirstInvalidUtf8(json)}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw Error($"header: expected valid JSON, got a parse error: {e.Message}", e);
        }

        using (document)
        {
            return FromDocument(document.RootElement);
        }
    }

    private static SafeTensorsHeader FromDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error($"header: expected a JSON object, got {root.ValueKind}.");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<SafeTensorsEntry>();
        var metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            string name = NameOf(property, "header");
            if (!names.Add(name))
            {
                throw Error(name == MetadataKey
                    ? $"header: expected one '{MetadataKey}' entry, got it twice."
                    : $"tensor '{name}': expected a unique name, got it twice in the header.");
            }
            if (name == MetadataKey)
            {
                ReadMetadata(property.Value, metadata);
            }
            else
            {
                entries.Add(ReadEntry(name, property.Value, entries.Count));
            }
        }

        var sorted = entries.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            int c = a.Begin.CompareTo(b.Begin);
            if (c == 0)
            {
                c = a.End.CompareTo(b.End);
            }
            return c != 0 ? c : a.HeaderIndex.CompareTo(b.HeaderIndex);
        });
        long position = 0;
        string? previous = null;
        foreach (var entry in sorted)
        {
            if (entry.Begin < position)
            {
                throw Error($"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] overlap tensor '{previous}', which ends at {position}.");
            }
            if (entry.Begin > position)
            {
                throw Error($"tensor '{entry.Name}': data_offsets [{entry.Begin}, {entry.End}] leave a hole: expected it to begin at {position}, where the previous tensor ends.");
            }
            position = entry.End;
            previous = entry.Name;
        }
        return new SafeTensorsHeader(sorted, metadata, position);
    }

    private static void ReadMetadata(JsonElement value, OrderedDictionary<string, string> metadata)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error($"{MetadataKey}: expected an object of strings, got {value.ValueKind}.");
        }
        foreach (JsonProperty item in value.EnumerateObject())
        {
            string key = NameOf(item, MetadataKey);
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Error($"{MetadataKey}: value of '{key}' expected a string, got {item.Value.ValueKind}.");
            }
            if (!metadata.TryAdd(key, StringOf(item.Value, $"{MetadataKey}: value of '{key}'")))
            {
                throw Error($"{MetadataKey}: expected unique keys, got '{key}' twice.");
            }
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, int headerIndex)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error($"tensor '{name}': expected an object with dtype, shape and data_offsets, got {value.ValueKind}.");
        }
        JsonElement dtypeElement = Field(name, value, "dtype", JsonValueKind.String);
        JsonElement shapeElement = Field(name, value, "shape", JsonValueKind.Array);
        JsonElement offsetsElement = Field(name, value, "data_offsets", JsonValueKind.Array);

        string dtype = StringOf(dtypeElement, $"tensor '{name}': field 'dtype'");
        if (dtype != Float32)
        {
            throw Error($"tensor '{name}': expected dtype {Float32}, got {dtype}.");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        int dim = 0;
        foreach (JsonElement size in shapeElement.EnumerateArray())
        {
            long s = NonNegativeInteger(size, $"tensor '{name}': shape[{dim}]");
            if (s > int.MaxValue)
            {
                throw Error($"tensor '{name}': shape[{dim}] expected at most {int.MaxValue}, got {s}.");
            }
            shape[dim++] = (int)s;
            // count ≤ Array.MaxLength < 2³¹ and s < 2³¹ before this product, so it cannot overflow a long.
            count *= s;
            if (count > Array.MaxLength)
            {
                throw Error($"tensor '{name}': shape [{string.Join(", ", shape.AsSpan(0, dim).ToArray())}...] holds more than {Array.MaxLength} elements, the most a tensor can hold.");
            }
        }

        if (offsetsElement.GetArrayLength() != 2)
        {
            throw Error($"tensor '{name}': field 'data_offsets' expected 2 integers [begin, end], got {offsetsElement.GetArrayLength()} values.");
        }
        long begin = NonNegativeInteger(offsetsElement[0], $"tensor '{name}': data_offsets[0]");
        long end = NonNegativeInteger(offsetsElement[1], $"tensor '{name}': data_offsets[1]");
        if (end < begin)
        {
            throw Error($"tensor '{name}': data_offsets [{begin}, {end}] expected end ≥ begin.");
        }
        long bytes = count * sizeof(float);
        if (end - begin != bytes)
        {
            throw Error($"tensor '{name}': shape ({string.Join(", ", shape)}) of dtype {Float32} needs {bytes} bytes, but data_offsets [{begin}, {end}] span {end - begin}.");
        }
        return new SafeTensorsEntry(name, shape, (int)count, begin, end, headerIndex);
    }

    private static JsonElement Field(string name, JsonElement entry, string field, JsonValueKind kind)
    {
        JsonElement? found = null;
        foreach (JsonProperty property in entry.EnumerateObject())
        {
            if (property.NameEquals(field))
            {
                if (found is not null)
                {
                    throw Error($"tensor '{name}': expected one field '{field}', got it twice.");
                }
                found = property.Value;
            }
        }
        if (found is not JsonElement value)
        {
            throw Error($"tensor '{name}': missing field '{field}'.");
        }
        if (value.ValueKind != kind)
        {
            throw Error($"tensor '{name}': field '{field}' expected {(kind == JsonValueKind.Array ? "an array" : "a string")}, got {value.ValueKind}.");
        }
        return value;
    }

    private static long NonNegativeInteger(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value) || value < 0)
        {
            throw Error($"{what} expected a non-negative integer, got {Describe(element)}.");
        }
        return value;
    }

    private static string Describe(JsonElement element)
    {
        string raw = element.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "...";
    }

    private static string NameOf(JsonProperty property, string where)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw Error($"{where}: expected a key of valid Unicode text, got an invalid escape sequence.", e);
        }
    }

    private static string StringOf(JsonElement element, string what)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            throw Error($"{what}: expected valid Unicode text, got an invalid escape sequence.", e);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return offset;
    }

    private static SafeTensorsFormatException Error(string message, Exception? inner = null) => new(message, inner);
}
