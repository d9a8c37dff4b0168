using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Interop;

/// <summary>
/// Reads and writes the safetensors format (HuggingFace), so a PyTorch <c>state_dict</c> moves in both directions
/// under its own names (<c>weight_ih_l0</c>, <c>bias_hh_l1_reverse</c>, ...).
/// </summary>
/// <remarks>
/// <para>Layout, which the reader and the writer both follow:</para>
/// <list type="number">
/// <item><description>8 bytes: N, the header length, an unsigned little-endian 64-bit integer (at most 100,000,000).</description></item>
/// <item><description>N bytes: a UTF-8 JSON object mapping each tensor name to
/// <c>{"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}</c>, plus an optional
/// <c>"__metadata__": {string: string}</c>; the writer pads it with spaces to a multiple of 8 bytes.</description></item>
/// <item><description>The data buffer: each tensor's elements in row-major order, little-endian; offsets are
/// relative to the buffer's start, <c>end − begin = 4 · Π shape</c>, and the tensors, sorted by offset, cover the
/// buffer exactly (no overlap, no hole, nothing after the last).</description></item>
/// </list>
/// <para>Only F32 tensors are read; a file holding another dtype (F16, BF16, F64, I64, ...) is rejected with a
/// message naming the tensor and its dtype. Malformed input of any kind raises
/// <see cref="SafeTensorsFormatException"/>; no size is taken from the file before it is checked against the
/// bytes available.</para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>Reads a safetensors file.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The file's tensors (in data order) and metadata.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="SafeTensorsFormatException">The file is not valid safetensors, or holds a tensor whose dtype is not F32.</exception>
    /// <exception cref="IOException">The file cannot be opened or read (for example <see cref="FileNotFoundException"/>).</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return SafeTensorsReader.Read(stream);
    }

    /// <summary>Reads safetensors from a stream, from its current position to its end; the stream stays open.</summary>
    /// <param name="stream">A readable stream; when it is seekable its length is checked against the header before any data is read.</param>
    /// <returns>The tensors (in data order) and metadata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="SafeTensorsFormatException">The bytes are not valid safetensors, or hold a tensor whose dtype is not F32.</exception>
    public static SafeTensorsFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("stream: expected a readable stream, got one that cannot be read.", nameof(stream));
        }
        return SafeTensorsReader.Read(stream);
    }

    /// <summary>Reads safetensors from memory.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <returns>The tensors (in data order) and metadata; the tensors do not share memory with <paramref name="bytes"/>.</returns>
    /// <exception cref="SafeTensorsFormatException">The bytes are not valid safetensors, or hold a tensor whose dtype is not F32.</exception>
    public static SafeTensorsFile Read(ReadOnlySpan<byte> bytes) => SafeTensorsReader.Read(bytes);

    /// <summary>
    /// Writes tensors to a file atomically: the bytes go to a temporary file in the same directory, which is flushed
    /// to disk and then moved over <paramref name="path"/>. If anything fails, the temporary file is deleted and an
    /// existing file at <paramref name="path"/> is left untouched.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">The tensors by name, written in this order; any shape, contiguous or not.</param>
    /// <param name="metadata">String metadata stored as <c>__metadata__</c>; default none.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty; a tensor name is null, repeated or <c>__metadata__</c>; or a metadata key or value is null.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is null, or one of its tensors is null.</exception>
    /// <exception cref="IOException">The file cannot be written or moved into place.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        AtomicFile.Write(path, stream => SafeTensorsWriter.Write(stream, tensors, metadata));
    }

    /// <summary>Writes tensors to a stream at its current position; the stream stays open. Every tensor and name is
    /// checked, and the enumeration completed, before the first byte is written.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="tensors">The tensors by name, written in this order; any shape, contiguous or not.</param>
    /// <param name="metadata">String metadata stored as <c>__metadata__</c>; default none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="tensors"/> is null, or one of its tensors is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable; a tensor name is null, repeated or <c>__metadata__</c>; or a metadata key or value is null.</exception>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("stream: expected a writable stream, got one that cannot be written.", nameof(stream));
        }
        SafeTensorsWriter.Write(stream, tensors, metadata);
    }
}
