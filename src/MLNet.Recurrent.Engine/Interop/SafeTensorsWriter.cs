using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Interop;

/// <summary>
/// Writes tensors as safetensors: the 8-byte little-endian header length, the JSON header (<c>__metadata__</c>
/// first, then the tensors in the order given, data offsets contiguous from 0) padded with spaces to a multiple of
/// 8 bytes as the reference writer does, then each tensor's elements as little-endian F32 in row-major order.
/// </summary>
internal static class SafeTensorsWriter
{
    /// <summary>Elements converted per chunk when a tensor cannot be written straight from its storage.</summary>
    private const int ChunkElements = 1 << 16;

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        // Everything is enumerated and checked before the first byte is written.
        var list = Collect(tensors);
        byte[] header = BuildHeader(list, metadata);

        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var (_, tensor) in list)
        {
            WriteData(stream, tensor);
        }
        stream.Flush();
    }

    private static List<KeyValuePair<string, Tensor>> Collect(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var list = new List<KeyValuePair<string, Tensor>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in tensors)
        {
            if (pair.Key is null)
            {
                throw new ArgumentException("tensors: expected a name for every tensor, got null.", nameof(tensors));
            }
            if (pair.Key == SafeTensorsHeader.MetadataKey)
            {
                throw new ArgumentException($"tensors: the name '{SafeTensorsHeader.MetadataKey}' is reserved for the metadata.", nameof(tensors));
            }
            if (pair.Value is null)
            {
                throw new ArgumentNullException(nameof(tensors), $"tensors: expected a tensor for '{pair.Key}', got null.");
            }
            if (!names.Add(pair.Key))
            {
                throw new ArgumentException($"tensors: expected unique names, got '{pair.Key}' twice.", nameof(tensors));
            }
            list.Add(pair);
        }
        return list;
    }

    private static byte[] BuildHeader(List<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    if (key is null || value is null)
                    {
                        throw new ArgumentException($"metadata: expected non-null keys and values, got {(key is null ? "a null key" : $"a null value for '{key}'")}.", nameof(metadata));
                    }
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                long end = offset + (long)tensor.Count * sizeof(float);
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsHeader.Float32);
                json.WriteStartArray("shape");
                foreach (int size in tensor.Shape)
                {
                    json.WriteNumberValue(size);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) & ~7;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        if (tensor.IsContiguous && BitConverter.IsLittleEndian)
        {
            var elements = tensor.Span;
            for (int start = 0; start < elements.Length; start += ChunkElements)
            {
                int length = Math.Min(ChunkElements, elements.Length - start);
                stream.Write(MemoryMarshal.AsBytes(elements.Slice(start, length)));
            }
            return;
        }
        float[] copy = tensor.ToArray();
        var bits = MemoryMarshal.Cast<float, int>(copy.AsSpan());
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
        for (int start = 0; start < copy.Length; start += ChunkElements)
        {
            int length = Math.Min(ChunkElements, copy.Length - start);
            stream.Write(MemoryMarshal.AsBytes(copy.AsSpan(start, length)));
        }
    }
}
