namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// The CRC-32 of zip files (ISO-HDLC: reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF),
/// computed incrementally. <see cref="System.IO.Compression.ZipArchive"/> records it when writing but does not check
/// it when reading, so the model reader checks every entry itself: any change of up to 32 consecutive bits is caught.
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();

    private uint _state;

    /// <summary>Starts a checksum.</summary>
    public Crc32() => _state = 0xFFFF_FFFFu;

    /// <summary>The checksum of the bytes appended so far.</summary>
    public readonly uint Value => _state ^ 0xFFFF_FFFFu;

    /// <summary>Adds bytes to the checksum.</summary>
    /// <param name="bytes">The next bytes.</param>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        uint state = _state;
        foreach (byte b in bytes)
        {
            state = Table[(byte)(state ^ b)] ^ (state >> 8);
        }

        _state = state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint c = i;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
