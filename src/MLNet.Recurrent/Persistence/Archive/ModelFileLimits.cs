namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// Bounds the model reader holds a file to, so that no file — corrupt, hostile or a zip bomb — makes it allocate
/// or work out of proportion to the file's own size, recurse without end, or run out of stack.
/// </summary>
/// <param name="MaxManifestBytes">The largest uncompressed JSON entry (<c>model.json</c>, a <c>manifest.json</c>); 16 MiB.</param>
/// <param name="MaxCompressionRatio">
/// The largest ratio of an entry's uncompressed to compressed size; 1100, above Deflate's own ceiling of about 1032,
/// so a genuine entry always passes and an entry that claims more is refused before it is read.
/// </param>
/// <param name="MaxDepth">The deepest nesting of saved objects; 64.</param>
/// <param name="MaxStreamBytes">The most bytes copied from a stream that cannot seek (the zip is then read from memory); the largest array .NET allows (<see cref="Array.MaxLength"/>, just under 2 GiB).</param>
internal sealed record ModelFileLimits(
    long MaxManifestBytes = 16L << 20,
    int MaxCompressionRatio = 1100,
    int MaxDepth = 64,
    long MaxStreamBytes = 0x7FFF_FFC7)
{
    /// <summary>The limits <c>mlContext.Model.Load</c> uses.</summary>
    public static ModelFileLimits Default { get; } = new();
}
