namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>Which exceptions of System.IO.Compression mean "these bytes are not a readable zip".</summary>
internal static class ZipErrors
{
    /// <summary>
    /// Whether <paramref name="e"/> reports malformed zip data: <see cref="InvalidDataException"/> (a corrupt
    /// directory, header or Deflate stream), <see cref="EndOfStreamException"/> (a structure cut short) and
    /// <see cref="NotSupportedException"/> (an unknown compression method or encryption).
    /// </summary>
    /// <param name="e">An exception raised while reading a zip.</param>
    /// <returns>Whether it is a format error.</returns>
    public static bool IsFormatError(Exception e) => e is InvalidDataException or EndOfStreamException or NotSupportedException;
}
