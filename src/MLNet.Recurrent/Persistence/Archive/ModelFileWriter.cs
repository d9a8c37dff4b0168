using System.IO.Compression;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.Recurrent.Engine.Interop;

namespace MLNet.Recurrent.Persistence.Archive;

/// <summary>
/// Writes a tree of <see cref="ModelNode"/>s as a model file (docs/model-format.md): the node folders in pre-order,
/// then <c>model.json</c>, which records every other entry's CRC-32. Every node manifest is serialised before the
/// first byte reaches the stream, so settings that cannot be written fail without leaving half a file. Entries
/// carry a fixed timestamp, so the same model always gives the same bytes.
/// </summary>
internal static class ModelFileWriter
{
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The library version recorded in <c>model.json</c> (informational: loading never depends on it).</summary>
    public static string LibraryVersion { get; } =
        typeof(ModelFileWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelFileWriter).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Writes the model file to <paramref name="stream"/>, which stays open.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="root">The saved model.</param>
    /// <param name="inputSchema">The input schema as JSON, or null.</param>
    /// <exception cref="InvalidOperationException">A node's settings cannot be written as JSON (NaN, for example).</exception>
    public static void Write(Stream stream, ModelNode root, JsonArray? inputSchema)
    {
        var nodes = new List<ModelNode>();
        var folders = new Dictionary<ModelNode, string>(ReferenceEqualityComparer.Instance);
        Number(root, nodes, folders);
        var manifests = nodes.Select(node => SerializeNode(node, folders)).ToList();

        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var checksums = new List<(string Entry, uint Crc32)>();
        for (int i = 0; i < nodes.Count; i++)
        {
            string folder = folders[nodes[i]];
            byte[] manifest = manifests[i];
            checksums.Add(WriteEntry(zip, $"{folder}/{ModelFileLayout.NodeManifest}", CompressionLevel.Optimal, s => s.Write(manifest)));
            if (nodes[i].Tensors.Count > 0)
            {
                // Trained weights barely compress; storing them keeps saving and loading fast.
                var tensors = nodes[i].Tensors;
                checksums.Add(WriteEntry(zip, $"{folder}/{ModelFileLayout.NodeWeights}", CompressionLevel.NoCompression, s => SafeTensors.Write(s, tensors)));
            }
        }

        // Written last, so it can record the checksum of every other entry under its name.
        var rootManifest = Serialize(json =>
        {
            json.WriteStartObject();
            json.WriteString("format", ModelFileLayout.FormatName);
            json.WriteNumber("formatVersion", ModelFileLayout.FormatVersion);
            json.WriteString("libraryVersion", LibraryVersion);
            json.WritePropertyName("inputSchema");
            if (inputSchema is null)
            {
                json.WriteNullValue();
            }
            else
            {
                // Built by SchemaJson from finite numbers, strings and booleans only: it always serialises.
                inputSchema.WriteTo(json);
            }

            json.WriteString("root", folders[root]);
            json.WriteStartObject("entries");
            foreach (var (entry, crc) in checksums)
            {
                json.WriteString(entry, ModelFileLayout.FormatChecksum(crc));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
        WriteEntry(zip, ModelFileLayout.RootManifest, CompressionLevel.Optimal, s => s.Write(rootManifest));
    }

    private static void Number(ModelNode node, List<ModelNode> nodes, Dictionary<ModelNode, string> folders)
    {
        if (!folders.TryAdd(node, ModelFileLayout.Folder(nodes.Count)))
        {
            throw new InvalidOperationException($"The saved object of kind '{node.Kind}' appears twice in the model; a model is a tree.");
        }

        nodes.Add(node);
        foreach (var child in node.Children.Values)
        {
            Number(child, nodes, folders);
        }
    }

    private static byte[] SerializeNode(ModelNode node, Dictionary<ModelNode, string> folders)
    {
        try
        {
            return Serialize(json =>
            {
                json.WriteStartObject();
                json.WriteString("kind", node.Kind);
                json.WriteNumber("version", node.Version);
                json.WritePropertyName("settings");
                node.Manifest.WriteTo(json);
                json.WriteStartArray("tensors");
                foreach (string name in node.Tensors.Keys)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
                json.WriteStartObject("children");
                foreach (var (name, child) in node.Children)
                {
                    json.WriteString(name, folders[child]);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            });
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"The settings of the saved object of kind '{node.Kind}' cannot be written as JSON: {e.Message}", e);
        }
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    private static (string Entry, uint Crc32) WriteEntry(ZipArchive zip, string name, CompressionLevel level, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = EntryTime;
        using (var stream = entry.Open())
        {
            write(stream);
        }

        return (name, entry.Crc32);
    }
}
