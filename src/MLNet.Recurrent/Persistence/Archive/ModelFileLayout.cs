using System.Globalization;

namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// The names and numbers of the model file layout that the writer and the reader share (docs/model-format.md):
/// <c>model.json</c> at the root, and one folder <c>nodes/{i}</c> per saved object holding <c>manifest.json</c> and,
/// when the object has tensors, <c>weights.safetensors</c>.
/// </summary>
internal static class ModelFileLayout
{
    /// <summary>The value of <c>format</c> in <c>model.json</c>.</summary>
    public const string FormatName = "MLNet.Recurrent.Model";

    /// <summary>The container format version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The root manifest entry.</summary>
    public const string RootManifest = "model.json";

    /// <summary>A node's manifest, inside its folder.</summary>
    public const string NodeManifest = "manifest.json";

    /// <summary>A node's tensors, inside its folder.</summary>
    public const string NodeWeights = "weights.safetensors";

    private const string FolderPrefix = "nodes/";

    /// <summary>A CRC-32 as recorded in <c>model.json</c>'s <c>entries</c>: 8 lowercase hex digits.</summary>
    /// <param name="crc32">The checksum.</param>
    /// <returns>Its text.</returns>
    public static string FormatChecksum(uint crc32) => crc32.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The folder of the node numbered <paramref name="index"/> (pre-order from the root, which is 0).</summary>
    /// <param name="index">A node number ≥ 0.</param>
    /// <returns>"nodes/{index}".</returns>
    public static string Folder(int index) => FolderPrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether <paramref name="folder"/> is a node folder name as written: "nodes/" and a decimal number without sign
    /// or leading zeros. Any other reference (absolute, "..", nested, backslashes) is refused before it is looked up.
    /// </summary>
    /// <param name="folder">A folder reference read from a file.</param>
    /// <returns>Whether it is well formed.</returns>
    public static bool IsFolder(string folder)
    {
        if (!folder.StartsWith(FolderPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = folder.AsSpan(FolderPrefix.Length);
        if (digits.IsEmpty || digits.Length > 9 || (digits[0] == '0' && digits.Length > 1))
        {
            return false;
        }

        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a zip entry name is acceptable in a model file: relative, '/'-separated, with no empty, "." or ".."
    /// segment, no backslash, colon or control character. A model file is never extracted to disk, but a file with
    /// such names was not written by this library and is refused as a whole.
    /// </summary>
    /// <param name="name">The entry's full name.</param>
    /// <returns>Whether it is safe.</returns>
    public static bool IsSafeEntryName(string name)
    {
        if (name.Length == 0 || name.Length > 1024)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is '\\' or ':' || char.IsControl(c))
            {
                return false;
            }
        }

        // A trailing '/' marks a directory entry, which some zip tools add; its segments are checked like any other.
        var path = name.EndsWith('/') ? name[..^1] : name;
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }
}
