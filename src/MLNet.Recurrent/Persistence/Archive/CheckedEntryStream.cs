using System.IO.Compression;

namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// Reads one zip entry's uncompressed bytes while counting them and computing their CRC-32; <see cref="Verify"/>
/// then checks both against the entry's central directory record. Every error of the underlying decompression is
/// raised as a <see cref="ModelFormatException"/> naming the entry. Cannot seek, so readers that size buffers from
/// the stream's length (the safetensors reader) grow them with the bytes actually received.
/// </summary>
internal sealed class CheckedEntryStream : Stream
{
    private readonly ZipArchiveEntry _entry;
    private readonly Stream _inner;
    private Crc32 _crc = new();
    private long _count;

    private CheckedEntryStream(ZipArchiveEntry entry, Stream inner)
    {
        _entry = entry;
        _inner = inner;
    }

    /// <summary>Opens <paramref name="entry"/> for checked reading.</summary>
    /// <param name="entry">A zip entry.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="ModelFormatException">The entry's local header or compression method cannot be read.</exception>
    public static CheckedEntryStream Open(ZipArchiveEntry entry)
    {
        try
        {
            return new CheckedEntryStream(entry, entry.Open());
        }
        catch (Exception e) when (ZipErrors.IsFormatError(e))
        {
            throw new ModelFormatException(entry.FullName, $"the entry cannot be opened: {e.Message}", e);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int got;
        try
        {
            got = _inner.Read(buffer);
        }
        catch (Exception e) when (ZipErrors.IsFormatError(e))
        {
            throw new ModelFormatException(_entry.FullName, $"the compressed data is corrupt: {e.Message}", e);
        }

        _crc.Append(buffer[..got]);
        _count += got;
        if (_count > _entry.Length)
        {
            throw new ModelFormatException(_entry.FullName, $"expected {_entry.Length} uncompressed bytes as the zip directory records, got more.");
        }

        return got;
    }

    /// <summary>Reads to the end and checks the byte count and the CRC-32 against the zip directory.</summary>
    /// <exception cref="ModelFormatException">Truncated, or the checksum differs (the bytes were altered).</exception>
    public void Verify()
    {
        Span<byte> rest = stackalloc byte[256];
        while (Read(rest) > 0)
        {
        }

        if (_count != _entry.Length)
        {
            throw new ModelFormatException(_entry.FullName, $"expected {_entry.Length} uncompressed bytes as the zip directory records, got {_count} (truncated?).");
        }

        if (_crc.Value != _entry.Crc32)
        {
            throw new ModelFormatException(_entry.FullName, $"CRC-32 mismatch: the zip directory records {_entry.Crc32:x8}, the data gives {_crc.Value:x8} (the file was altered or damaged).");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
