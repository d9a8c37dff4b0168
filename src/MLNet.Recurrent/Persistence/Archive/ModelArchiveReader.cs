using System.IO.Compression;
using MLNet.Recurrent.Engine.Interop;

namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// The entries of a model file's zip, read under <see cref="ModelFileLimits"/>: names are checked (safe, no
/// duplicates) when the archive is opened, and each entry's sizes before any of it is read, so a file cannot make
/// the reader allocate more than its own size times the largest compression ratio. Every entry read is verified
/// against its recorded length and CRC-32.
/// </summary>
internal sealed class ModelArchiveReader : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly ModelFileLimits _limits;
    private readonly long _archiveBytes;
    private long _compressedBytesRead;
    private IReadOnlyDictionary<string, string>? _checksums;

    /// <summary>Opens the zip held by a seekable stream, from its start; the stream stays open.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="limits">The reader's bounds.</param>
    /// <exception cref="ModelFormatException">Not a zip, or an entry name is unsafe or repeated.</exception>
    public ModelArchiveReader(Stream stream, ModelFileLimits limits)
    {
        _limits = limits;
        _archiveBytes = stream.Length;
        if (_archiveBytes == 0)
        {
            throw new ModelFormatException("file", "the file is empty; expected a zip archive holding a model.");
        }

        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in _zip.Entries)
            {
                string name = entry.FullName;
                if (!ModelFileLayout.IsSafeEntryName(name))
                {
                    throw new ModelFormatException(Printable(name), "unsafe entry name (absolute, '..', '.', empty segment, backslash, colon or control character); model files never hold one.");
                }

                if (!_entries.TryAdd(name, entry))
                {
                    throw new ModelFormatException(name, "the zip holds two entries of this name.");
                }
            }
        }
        catch (Exception e) when (ZipErrors.IsFormatError(e))
        {
            _zip?.Dispose();
            throw new ModelFormatException("file", $"not a readable zip archive: {e.Message}", e);
        }
        catch
        {
            _zip?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// From now on, every entry read must be listed in <paramref name="checksums"/> (from <c>model.json</c>) with the
    /// CRC-32 the zip directory records for it: a file whose entries were renamed or swapped is refused even though
    /// each entry's data matches its own directory record.
    /// </summary>
    /// <param name="checksums">Entry name → CRC-32 in the text of <see cref="ModelFileLayout.FormatChecksum"/>.</param>
    public void ExpectChecksums(IReadOnlyDictionary<string, string> checksums) => _checksums = checksums;

    /// <summary>Whether the zip has an entry of this name.</summary>
    /// <param name="name">The entry's full name.</param>
    /// <returns>Whether it is present.</returns>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Reads a JSON entry of at most <see cref="ModelFileLimits.MaxManifestBytes"/> bytes.</summary>
    /// <param name="name">The entry's full name.</param>
    /// <returns>Its uncompressed bytes.</returns>
    /// <exception cref="ModelFormatException">Missing, too large, corrupt, truncated or altered.</exception>
    public byte[] ReadBytes(string name)
    {
        var entry = Find(name);
        CheckSizes(entry, _limits.MaxManifestBytes);
        var bytes = new byte[entry.Length];
        using var stream = CheckedEntryStream.Open(entry);
        int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (got < bytes.Length)
        {
            throw new ModelFormatException(name, $"expected {bytes.Length} uncompressed bytes as the zip directory records, got {got} (truncated?).");
        }

        stream.Verify();
        return bytes;
    }

    /// <summary>Reads a safetensors entry with the engine's reader.</summary>
    /// <param name="name">The entry's full name.</param>
    /// <returns>The tensors.</returns>
    /// <exception cref="ModelFormatException">Missing, too large for its compressed size, corrupt, or not valid safetensors.</exception>
    public SafeTensorsFile ReadTensors(string name)
    {
        var entry = Find(name);
        CheckSizes(entry, long.MaxValue);
        using var stream = CheckedEntryStream.Open(entry);
        SafeTensorsFile file;
        try
        {
            file = SafeTensors.Read(stream);
        }
        catch (SafeTensorsFormatException e)
        {
            throw new ModelFormatException(name, e.Message, e);
        }

        stream.Verify();
        return file;
    }

    /// <inheritdoc/>
    public void Dispose() => _zip.Dispose();

    private ZipArchiveEntry Find(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            throw new ModelFormatException(name, "the entry is missing.");
        }

        if (_checksums is not null)
        {
            string recorded = _checksums.TryGetValue(name, out string? crc)
                ? crc
                : throw new ModelFormatException(name, $"the entry is not listed in the entries of {ModelFileLayout.RootManifest}.");
            string actual = ModelFileLayout.FormatChecksum(entry.Crc32);
            if (recorded != actual)
            {
                throw new ModelFormatException(name, $"CRC-32 mismatch: {ModelFileLayout.RootManifest} records {recorded}, the zip directory {actual} (entries renamed or replaced?).");
            }
        }

        return entry;
    }

    private void CheckSizes(ZipArchiveEntry entry, long maxBytes)
    {
        long length = entry.Length;
        long compressed = entry.CompressedLength;
        if (length > maxBytes)
        {
            throw new ModelFormatException(entry.FullName, $"{length} bytes uncompressed, more than the limit of {maxBytes}.");
        }

        if (compressed < 0 || length < 0 || compressed > _archiveBytes - _compressedBytesRead)
        {
            throw new ModelFormatException(entry.FullName,
                $"records {compressed} compressed bytes, but the file has {_archiveBytes} bytes and {_compressedBytesRead} of them belong to entries already read (overlapping entries?).");
        }

        if (length > (_limits.MaxCompressionRatio * compressed) + 1024)
        {
            throw new ModelFormatException(entry.FullName,
                $"records {length} uncompressed bytes from {compressed} compressed bytes, a ratio above {_limits.MaxCompressionRatio} that no genuine entry has (zip bomb?).");
        }

        _compressedBytesRead += compressed;
    }

    private static string Printable(string name)
        => string.Concat(name.Take(200).Select(c => char.IsControl(c) ? '?' : c));
}
