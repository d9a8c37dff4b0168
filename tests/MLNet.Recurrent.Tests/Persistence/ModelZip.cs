using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using MLNet.Recurrent.ModelRoundTrip;
using MLNet.Recurrent.Persistence;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Tests.Persistence;

/// <summary>Builds, takes apart and reassembles model files for the persistence tests.</summary>
internal static class ModelZip
{
    /// <summary>The sample model (test kinds) saved with its input schema, as bytes.</summary>
    public static byte[] SampleBytes(int seed = 7)
    {
        using var stream = new MemoryStream();
        new MLContext(1).Model.Save(SampleModel.Build(seed), SampleModel.Input().Schema, stream);
        return stream.ToArray();
    }

    /// <summary>The entries of a zip, in order, with their uncompressed bytes.</summary>
    public static List<(string Name, byte[] Data)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    /// <summary>A zip of the given entries, in order (duplicates and any names allowed).</summary>
    public static byte[] Build(IEnumerable<(string Name, byte[] Data)> entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var s = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(data);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The entries of <paramref name="zip"/> after <paramref name="edit"/>, zipped again. Unless
    /// <paramref name="recordChecksums"/> is false, model.json's record of entry checksums is brought up to date, as a
    /// file altered on purpose would be, so the reader's other checks are what the test meets.
    /// </summary>
    public static byte[] Edit(byte[] zip, Action<List<(string Name, byte[] Data)>> edit, bool recordChecksums = true)
    {
        var entries = Entries(zip);
        edit(entries);
        if (recordChecksums)
        {
            RecordChecksums(entries);
        }

        return Build(entries);
    }

    private static void RecordChecksums(List<(string Name, byte[] Data)> entries)
    {
        int index = entries.FindIndex(e => e.Name == "model.json");
        try
        {
            if (index < 0 || JsonNode.Parse(entries[index].Data) is not JsonObject root || root["entries"] is not JsonObject recorded)
            {
                return;
            }

            bool changed = false;
            foreach (var (name, data) in entries.Where(e => e.Name != "model.json"))
            {
                var crc = new Crc32();
                crc.Append(data);
                string text = ModelFileLayout.FormatChecksum(crc.Value);
                if ((string?)recorded[name] != text)
                {
                    recorded[name] = text;
                    changed = true;
                }
            }

            if (changed)
            {
                entries[index] = ("model.json", Encoding.UTF8.GetBytes(root.ToJsonString()));
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            // A test that made model.json unreadable on purpose needs no record.
        }
    }

    /// <summary>Edits one JSON entry of <paramref name="zip"/>.</summary>
    public static byte[] EditJson(byte[] zip, string entry, Action<JsonObject> edit, bool recordChecksums = true)
        => Edit(zip, entries =>
        {
            int index = entries.FindIndex(e => e.Name == entry);
            Assert.True(index >= 0, $"no entry {entry}");
            var json = JsonNode.Parse(entries[index].Data)!.AsObject();
            edit(json);
            entries[index] = (entry, Encoding.UTF8.GetBytes(json.ToJsonString()));
        }, recordChecksums);

    /// <summary>Replaces one entry's bytes.</summary>
    public static byte[] Replace(byte[] zip, string entry, byte[] data)
        => Edit(zip, entries => entries[entries.FindIndex(e => e.Name == entry)] = (entry, data));

    /// <summary>Loads a model from bytes with the test kinds registered.</summary>
    public static ITransformer Load(byte[] bytes, out DataViewSchema? schema)
    {
        using var kinds = TestModelKinds.Register();
        return new MLContext(1).Model.Load(new MemoryStream(bytes), out schema);
    }

    /// <summary>Loading must fail with a <see cref="ModelFormatException"/>; returns it.</summary>
    public static ModelFormatException LoadFails(byte[] bytes)
        => Assert.Throws<ModelFormatException>(() => Load(bytes, out _));
}
