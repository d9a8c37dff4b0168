using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Interop;

/// <summary>
/// Reads safetensors bytes into tensors. No size from the file is trusted before it is checked: the header length
/// against <see cref="SafeTensorsHeader.MaxHeaderLength"/> and the bytes available, and, for streams whose length
/// is unknown, every buffer grows with the bytes actually received, in bounded chunks.
/// </summary>
internal static class SafeTensorsReader
{
    /// <summary>Bytes read per call, and the first allocation for data whose length is not yet confirmed.</summary>
    private const int ChunkBytes = 1 << 20;

    private const int PrefixBytes = sizeof(ulong);

    public static SafeTensorsFile Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < PrefixBytes)
        {
            throw new SafeTensorsFormatException($"file: expected at least {PrefixBytes} bytes (the header length), got {bytes.Length}.");
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        SafeTensorsHeader.CheckHeaderLength(headerLength, bytes.Length - PrefixBytes);
        var header = SafeTensorsHeader.Parse(bytes.Slice(PrefixBytes, (int)headerLength));
        var data = bytes[(PrefixBytes + (int)headerLength)..];
        header.CheckDataLength(data.Length);

        var tensors = new OrderedDictionary<string, Tensor>(header.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in header.Entries)
        {
            var storage = new float[entry.Count];
            data.Slice((int)entry.Begin, entry.Count * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(storage.AsSpan()));
            FromLittleEndian(storage);
            tensors.Add(entry.Name, new Tensor(storage, entry.Shape));
        }
        return new SafeTensorsFile(tensors, header.Metadata);
    }

    public static SafeTensorsFile Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[PrefixBytes];
        int got = stream.ReadAtLeast(prefix, PrefixBytes, throwOnEndOfStream: false);
        if (got < PrefixBytes)
        {
            throw new SafeTensorsFormatException($"file: expected at least {PrefixBytes} bytes (the header length), got {got}.");
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        long remaining = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : -1;
        SafeTensorsHeader.CheckHeaderLength(headerLength, remaining);
        byte[] headerBytes = ReadBytes(stream, (int)headerLength, "header");
        var header = SafeTensorsHeader.Parse(headerBytes);

        // A seekable stream's length confirms every size before anything is allocated from it.
        bool confirmed = false;
        if (stream.CanSeek)
        {
            header.CheckDataLength(Math.Max(0, stream.Length - stream.Position));
            confirmed = true;
        }

        var tensors = new OrderedDictionary<string, Tensor>(header.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in header.Entries)
        {
            float[] storage = ReadFloats(stream, entry, header.DataLength, confirmed);
            tensors.Add(entry.Name, new Tensor(storage, entry.Shape));
        }
        if (!stream.CanSeek)
        {
            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) != 0)
            {
                throw new SafeTensorsFormatException($"data buffer: expected {header.DataLength} bytes as the header describes, got more; the trailing bytes belong to no tensor.");
            }
        }
        return new SafeTensorsFile(tensors, header.Metadata);
    }

    private static byte[] ReadBytes(Stream stream, int length, string what)
    {
        var buffer = new byte[Math.Min(length, ChunkBytes)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, length));
            }
            int want = Math.Min(buffer.Length - filled, ChunkBytes);
            int got = stream.ReadAtLeast(buffer.AsSpan(filled, want), want, throwOnEndOfStream: false);
            filled += got;
            if (got < want)
            {
                throw new SafeTensorsFormatException($"{what}: the prefix announces {length} bytes, got {filled} before the end of the stream (truncated file?).");
            }
        }
        return buffer;
    }

    private static float[] ReadFloats(Stream stream, SafeTensorsEntry entry, long dataLength, bool confirmed)
    {
        int count = entry.Count;
        var storage = new float[confirmed ? count : Math.Min(count, ChunkBytes / sizeof(float))];
        int filled = 0;
        while (filled < count)
        {
            if (filled == storage.Length)
            {
                Array.Resize(ref storage, (int)Math.Min(2L * storage.Length, count));
            }
            int want = Math.Min(storage.Length - filled, ChunkBytes / sizeof(float));
            var bytes = MemoryMarshal.AsBytes(storage.AsSpan(filled, want));
            int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (got < bytes.Length)
            {
                long received = entry.Begin + (long)filled * sizeof(float) + got;
                throw new SafeTensorsFormatException($"tensor '{entry.Name}': data truncated: expected a data buffer of {dataLength} bytes, got {received}.");
            }
            filled += want;
        }
        FromLittleEndian(storage);
        return storage;
    }

    private static void FromLittleEndian(float[] storage)
    {
        if (!BitConverter.IsLittleEndian)
        {
            var bits = MemoryMarshal.Cast<float, int>(storage.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
    }
}
