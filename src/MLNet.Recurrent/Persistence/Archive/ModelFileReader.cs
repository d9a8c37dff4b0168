using System.Text.Json.Nodes;
using MLNet.Recurrent.Persistence.Schema;

namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// Reads a model file (docs/model-format.md) into a tree of <see cref="ModelNode"/>s and the input schema, checking
/// the layout as it goes: every failure is a <see cref="ModelFormatException"/> naming the entry. Node folders
/// must form a tree (each referenced once, no deeper than <see cref="ModelFileLimits.MaxDepth"/>); the kinds found
/// are only strings here — <see cref="ModelKinds"/> turns them into objects afterwards.
/// </summary>
internal sealed class ModelFileReader
{
    private readonly ModelArchiveReader _archive;
    private readonly ModelFileLimits _limits;
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    private ModelFileReader(ModelArchiveReader archive, ModelFileLimits limits)
    {
        _archive = archive;
        _limits = limits;
    }

    /// <summary>Reads the model file held by a seekable stream, from its start; the stream stays open.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="limits">The reader's bounds.</param>
    /// <returns>The root node and the input schema (null when none was saved).</returns>
    /// <exception cref="ModelFormatException">The file is not a readable model file.</exception>
    public static (ModelNode Root, DataViewSchema? InputSchema) Read(Stream stream, ModelFileLimits limits)
    {
        using var archive = new ModelArchiveReader(stream, limits);
        if (!archive.Contains(ModelFileLayout.RootManifest))
        {
            throw new ModelFormatException(ModelFileLayout.RootManifest, "the entry is missing: this zip is not a model file of MLNet.Recurrent.");
        }

        const string entry = ModelFileLayout.RootManifest;
        var json = ManifestJson.ParseObject(archive.ReadBytes(entry), entry);
        string format = ManifestJson.String(json["format"], entry, "format");
        if (format != ModelFileLayout.FormatName)
        {
            throw new ModelFormatException(entry, $"format: expected '{ModelFileLayout.FormatName}', got '{format}': not a model file of this library.");
        }

        int formatVersion = ManifestJson.Int32(json["formatVersion"], entry, "formatVersion");
        if (formatVersion < 1 || formatVersion > ModelFileLayout.FormatVersion)
        {
            string writer = json["libraryVersion"] is JsonValue v && v.TryGetValue(out string? name) ? $" (written by MLNet.Recurrent {name})" : "";
            throw new ModelFormatException(entry,
                $"formatVersion {formatVersion}{writer} is not supported: this library reads 1 … {ModelFileLayout.FormatVersion}; a newer library may read it.");
        }

        archive.ExpectChecksums(ReadChecksums(json["entries"], entry));
        var inputSchema = SchemaJson.Read(json["inputSchema"], entry, "inputSchema");
        string rootFolder = Folder(json["root"], entry, "root");
        var root = new ModelFileReader(archive, limits).ReadNode(rootFolder, depth: 0);
        return (root, inputSchema);
    }

    private ModelNode ReadNode(string folder, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new ModelFormatException(folder, $"saved objects nest deeper than {_limits.MaxDepth} levels.");
        }

        if (!_visited.Add(folder))
        {
            throw new ModelFormatException(folder, "the folder is referenced twice; the saved objects of a model form a tree.");
        }

        string entry = $"{folder}/{ModelFileLayout.NodeManifest}";
        var json = ManifestJson.ParseObject(_archive.ReadBytes(entry), entry);
        string kind = ManifestJson.String(json["kind"], entry, "kind");
        int version = ManifestJson.Int32(json["version"], entry, "version");
        var settings = ManifestJson.Object(json["settings"], entry, "settings");
        json.Remove("settings");
        var node = new ModelNode { Kind = kind, Version = version, Manifest = settings, Source = folder };

        var tensorNames = ReadTensorNames(json["tensors"], entry);
        if (tensorNames.Count > 0)
        {
            ReadTensors(node, tensorNames, folder);
        }

        if (json["children"] is { } children)
        {
            foreach (var (name, reference) in ManifestJson.Object(children, entry, "children"))
            {
                node.Children.Add(name, ReadNode(Folder(reference, entry, $"children.{name}"), depth + 1));
            }
        }

        return node;
    }

    private static Dictionary<string, string> ReadChecksums(JsonNode? node, string entry)
    {
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in ManifestJson.Object(node, entry, "entries"))
        {
            checksums[name] = ManifestJson.String(value, entry, $"entries.{name}");
        }

        return checksums;
    }

    private static List<string> ReadTensorNames(JsonNode? node, string entry)
    {
        var names = new List<string>();
        if (node is null)
        {
            return names;
        }

        var array = ManifestJson.Array(node, entry, "tensors");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < array.Count; i++)
        {
            string name = ManifestJson.String(array[i], entry, $"tensors[{i}]");
            if (!seen.Add(name))
            {
                throw new ModelFormatException(entry, $"tensors[{i}]: the name '{name}' is listed twice.");
            }

            names.Add(name);
        }

        return names;
    }

    private void ReadTensors(ModelNode node, List<string> names, string folder)
    {
        string entry = $"{folder}/{ModelFileLayout.NodeWeights}";
        var file = _archive.ReadTensors(entry);
        foreach (string name in names)
        {
            node.Tensors.Add(name, file.Tensors.TryGetValue(name, out var tensor)
                ? tensor
                : throw new ModelFormatException(entry, $"tensor '{name}', listed in {ModelFileLayout.NodeManifest}, is missing."));
        }

        if (file.Tensors.Count != names.Count)
        {
            string extra = file.Tensors.Keys.First(name => !node.Tensors.ContainsKey(name));
            throw new ModelFormatException(entry, $"tensor '{extra}' is not listed in {ModelFileLayout.NodeManifest}.");
        }
    }

    private static string Folder(JsonNode? node, string entry, string at)
    {
        string folder = ManifestJson.String(node, entry, at);
        return ModelFileLayout.IsFolder(folder)
            ? folder
            : throw new ModelFormatException(entry, $"{at}: expected a node folder 'nodes/<number>', got '{folder}'.");
    }
}
