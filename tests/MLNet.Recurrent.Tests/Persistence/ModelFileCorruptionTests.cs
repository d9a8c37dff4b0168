using System.Text;
using System.Text.Json.Nodes;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.ModelRoundTrip;
using MLNet.Recurrent.Persistence;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Tests.Persistence;

/// <summary>A corrupt or foreign file must raise <see cref="ModelFormatException"/> naming the entry, and nothing else.</summary>
public sealed class ModelFileCorruptionTests
{
    private static readonly byte[] Sample = ModelZip.SampleBytes();
    private static readonly IReadOnlyList<string> SamplePredictions = SampleModel.Predict(SampleModel.Build(7));

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused()
    {
        var error = ModelZip.LoadFails(Encoding.UTF8.GetBytes("this is a CSV file,\n1,2,3\n"));
        Assert.Equal("file", error.ModelPath);
        Assert.Contains("not a readable zip archive", error.Message);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        string path = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<ModelFormatException>(() => new MLContext(1).Model.Load(path, out _));
            Assert.Contains("empty", error.Message);
            Assert.Equal(path, error.FilePath);
            Assert.StartsWith($"model file '{path}', ", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        // Every length up to 600 bytes, then every 7th byte to the end.
        for (int length = 0; length < Sample.Length; length += length < 600 ? 1 : 7)
        {
            ModelZip.LoadFails(Sample[..length]);
        }
    }

    [Fact]
    public void Random_byte_mutations_are_refused_or_change_nothing()
    {
        var random = new Random(20240601);
        int refused = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            var bytes = (byte[])Sample.Clone();
            int changes = 1 + random.Next(3);
            for (int c = 0; c < changes; c++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
            }

            ITransformer loaded;
            try
            {
                loaded = ModelZip.Load(bytes, out _);
            }
            catch (ModelFormatException)
            {
                refused++;
                continue;
            }

            Assert.Equal(SamplePredictions, SampleModel.Predict(loaded));
        }

        Assert.True(refused > 1000, $"only {refused} of 1500 mutations were refused");
    }

    [Fact]
    public void Mutated_entries_with_consistent_checksums_raise_nothing_but_ModelFormatException()
    {
        // Content-level corruption that the checksums do not catch (as if the file had been edited and re-zipped):
        // JSON punctuation, digits and random bytes in the manifests, bit flips in the weights.
        var entries = ModelZip.Entries(Sample);
        var random = new Random(31);
        const string JsonBytes = "0123456789-.e\"{}[],:";
        int loaded = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var (name, original) = entries[random.Next(entries.Count)];
            var data = (byte[])original.Clone();
            for (int c = 1 + random.Next(3); c > 0; c--)
            {
                int p = random.Next(data.Length);
                data[p] = random.Next(3) switch
                {
                    0 => (byte)JsonBytes[random.Next(JsonBytes.Length)],
                    1 => (byte)random.Next(256),
                    _ => (byte)(data[p] ^ (1 << random.Next(8))),
                };
            }

            try
            {
                ModelZip.Load(ModelZip.Replace(Sample, name, data), out _);
                loaded++;
            }
            catch (ModelFormatException)
            {
            }
        }

        Assert.InRange(loaded, 1, 399);
    }

    [Fact]
    public void Zip_of_unrelated_files_is_refused_for_lacking_model_json()
    {
        var zip = ModelZip.Build([("readme.txt", "hello"u8.ToArray()), ("data/x.csv", "1,2"u8.ToArray())]);
        var error = ModelZip.LoadFails(zip);
        Assert.Equal("model.json", error.ModelPath);
        Assert.Contains("not a model file", error.Message);
    }

    [Fact]
    public void Foreign_format_and_newer_format_version_are_refused()
    {
        var foreign = ModelZip.LoadFails(ModelZip.EditJson(Sample, "model.json", json => json["format"] = "Other.Model"));
        Assert.Contains("format: expected 'MLNet.Recurrent.Model', got 'Other.Model'", foreign.Message);

        var newer = ModelZip.LoadFails(ModelZip.EditJson(Sample, "model.json", json => json["formatVersion"] = 2));
        Assert.Equal("model.json", newer.ModelPath);
        Assert.Contains("formatVersion 2", newer.Message);
        Assert.Contains("reads 1 … 1", newer.Message);
    }

    [Fact]
    public void Unknown_kind_is_refused_naming_the_folder_and_the_kind()
    {
        var error = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/1/manifest.json", json => json["kind"] = "System.IO.File"));
        Assert.Equal("nodes/1", error.ModelPath);
        Assert.Contains("unknown object kind 'System.IO.File'", error.Message);
    }

    [Fact]
    public void Missing_child_missing_weights_and_missing_tensor_are_refused()
    {
        var noChild = ModelZip.Edit(Sample, entries => entries.RemoveAll(e => e.Name.StartsWith("nodes/2/", StringComparison.Ordinal)));
        Assert.Equal("nodes/2/manifest.json", ModelZip.LoadFails(noChild).ModelPath);

        var noWeights = ModelZip.Edit(Sample, entries => entries.RemoveAll(e => e.Name == "nodes/4/weights.safetensors"));
        var missingEntry = ModelZip.LoadFails(noWeights);
        Assert.Equal("nodes/4/weights.safetensors", missingEntry.ModelPath);
        Assert.Contains("missing", missingEntry.Message);

        var weights = SafeTensors.Read(ModelZip.Entries(Sample).Single(e => e.Name == "nodes/4/weights.safetensors").Data);
        var onlyWeight = new MemoryStream();
        SafeTensors.Write(onlyWeight, [new("weight", weights.Tensors["weight"])]);
        var missingTensor = ModelZip.LoadFails(ModelZip.Replace(Sample, "nodes/4/weights.safetensors", onlyWeight.ToArray()));
        Assert.Contains("tensor 'bias', listed in manifest.json, is missing", missingTensor.Message);

        var unlisted = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/4/manifest.json", json => json["tensors"] = new JsonArray("weight")));
        Assert.Contains("tensor 'bias' is not listed", unlisted.Message);

        var notLoaded = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/4/manifest.json", json => json["tensors"] = new JsonArray()));
        Assert.Equal("nodes/4", notLoaded.ModelPath);
        Assert.Contains("tensor 'weight' is missing", notLoaded.Message);
    }

    [Fact]
    public void Unsafe_entry_names_and_folder_references_are_refused()
    {
        foreach (string name in new[] { "../x", "/etc/passwd", "nodes/../model.json", "C:\\x", "a//b", "./model.json" })
        {
            var error = ModelZip.LoadFails(ModelZip.Edit(Sample, entries => entries.Add((name, [1]))));
            Assert.Contains("unsafe entry name", error.Message);
        }

        foreach (string reference in new[] { "../nodes/1", "nodes/01", "nodes/-1", "nodes/1/..", "nodes/", "/nodes/1", "nodes/1 " })
        {
            var error = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/0/manifest.json", json => json["children"]!["0"] = reference));
            Assert.Equal("nodes/0/manifest.json", error.ModelPath);
            Assert.Contains($"children.0: expected a node folder 'nodes/<number>', got '{reference}'", error.Message);
        }
    }

    [Fact]
    public void Shared_or_cyclic_folders_and_excessive_nesting_are_refused()
    {
        var cycle = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/2/manifest.json", json => json["children"]!["0"] = "nodes/0"));
        Assert.Equal("nodes/0", cycle.ModelPath);
        Assert.Contains("referenced twice", cycle.Message);

        var shared = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/2/manifest.json", json => json["children"]!["1"] = "nodes/1"));
        Assert.Contains("referenced twice", shared.Message);

        ITransformer deep = new ScaleTransformer("A", "B", 1);
        for (int i = 0; i < 70; i++)
        {
            deep = new Data.TransformerChain<ITransformer>(deep);
        }

        var stream = new MemoryStream();
        new MLContext(1).Model.Save(deep, null, stream);
        var error = ModelZip.LoadFails(stream.ToArray());
        Assert.Contains("deeper than 64", error.Message);
    }

    [Fact]
    public void Duplicate_entries_are_refused()
    {
        var error = ModelZip.LoadFails(ModelZip.Edit(Sample, entries => entries.Add(entries[1])));
        Assert.Equal("nodes/1/manifest.json", error.ModelPath);
        Assert.Contains("two entries of this name", error.Message);
    }

    [Fact]
    public void Manifest_above_16_MiB_is_refused_before_it_is_read()
    {
        var bytes = ModelZip.Edit(Sample, entries =>
        {
            var padded = new byte[(16 << 20) + 1];
            padded.AsSpan().Fill((byte)' ');
            entries[^1].Data.CopyTo(padded, 0);
            entries[^1] = (entries[^1].Name, padded);
        });
        var error = ModelZip.LoadFails(bytes);
        Assert.Equal("model.json", error.ModelPath);
        Assert.Contains("16777217 bytes uncompressed, more than the limit of 16777216", error.Message);
    }

    [Fact]
    public void Entry_claiming_more_than_deflate_can_produce_is_refused_as_a_zip_bomb()
    {
        // Patch the central directory's uncompressed size of model.json to 2 GiB − 1.
        var bytes = (byte[])Sample.Clone();
        int record = IndexOfCentralRecord(bytes, "model.json");
        BitConverter.TryWriteBytes(bytes.AsSpan(record + 24, 4), int.MaxValue);
        var error = ModelZip.LoadFails(bytes);
        Assert.Equal("model.json", error.ModelPath);
        Assert.Contains("more than the limit", error.Message);

        var limits = new ModelFileLimits(MaxManifestBytes: long.MaxValue);
        var bomb = Assert.Throws<ModelFormatException>(() =>
        {
            using var kinds = TestModelKinds.Register();
            new MLContext(1).Model.Load(new MemoryStream(bytes), limits, out _);
        });
        Assert.Contains("zip bomb", bomb.Message);
    }

    [Fact]
    public void Stream_that_cannot_seek_is_copied_only_up_to_the_limit()
    {
        Assert.Equal(Array.MaxLength, ModelFileLimits.Default.MaxStreamBytes);
        var error = Assert.Throws<ModelFormatException>(() =>
            new MLContext(1).Model.Load(new ForwardOnlyStream(new MemoryStream(Sample), writable: false), new ModelFileLimits(MaxStreamBytes: 1000), out _));
        Assert.Equal("stream", error.ModelPath);
        Assert.Contains("more than 1000 bytes", error.Message);
    }

    [Fact]
    public void Recorded_size_smaller_than_the_data_is_refused()
    {
        var bytes = (byte[])Sample.Clone();
        int record = IndexOfCentralRecord(bytes, "nodes/1/weights.safetensors");
        int size = BitConverter.ToInt32(bytes, record + 24);
        BitConverter.TryWriteBytes(bytes.AsSpan(record + 24, 4), size - 4);
        var error = ModelZip.LoadFails(bytes);
        Assert.Equal("nodes/1/weights.safetensors", error.ModelPath);
    }

    [Fact]
    public void Altered_weights_are_caught_by_the_checksum()
    {
        var bytes = (byte[])Sample.Clone();
        int record = IndexOfCentralRecord(bytes, "nodes/1/weights.safetensors");
        int local = BitConverter.ToInt32(bytes, record + 42);
        int data = local + 30 + BitConverter.ToUInt16(bytes, local + 26) + BitConverter.ToUInt16(bytes, local + 28);
        int size = BitConverter.ToInt32(bytes, record + 24);
        bytes[data + size - 2] ^= 0x01; // the low bits of the last bias float: still valid safetensors
        var error = ModelZip.LoadFails(bytes);
        Assert.Equal("nodes/1/weights.safetensors", error.ModelPath);
        Assert.Contains("CRC-32 mismatch", error.Message);
    }

    [Fact]
    public void Entries_renamed_swapped_or_unlisted_are_refused_by_the_checksums_in_model_json()
    {
        var swapped = ModelZip.Edit(Sample, entries =>
        {
            int a = entries.FindIndex(e => e.Name == "nodes/1/manifest.json");
            int b = entries.FindIndex(e => e.Name == "nodes/4/manifest.json");
            (entries[a], entries[b]) = ((entries[a].Name, entries[b].Data), (entries[b].Name, entries[a].Data));
        }, recordChecksums: false);
        var error = ModelZip.LoadFails(swapped);
        Assert.Equal("nodes/1/manifest.json", error.ModelPath);
        Assert.Contains("CRC-32 mismatch: model.json records", error.Message);

        var unlisted = ModelZip.LoadFails(ModelZip.EditJson(Sample, "model.json", json => json["entries"]!.AsObject().Remove("nodes/3/manifest.json"), recordChecksums: false));
        Assert.Equal("nodes/3/manifest.json", unlisted.ModelPath);
        Assert.Contains("not listed in the entries of model.json", unlisted.Message);
    }

    [Theory]
    [InlineData("model.json", "entries", "[]", "entries: expected an object, got Array")]
    [InlineData("model.json", "formatVersion", "\"1\"", "formatVersion: expected an integer, got String \"1\"")]
    [InlineData("model.json", "formatVersion", "1.5", "formatVersion: expected an integer")]
    [InlineData("model.json", "root", "0", "root: expected a string, got Number 0")]
    [InlineData("model.json", "inputSchema", "{}", "inputSchema: expected an array, got Object")]
    [InlineData("model.json", "inputSchema", "[{\"name\":\"A\",\"type\":{\"kind\":\"System.Guid\"}}]", "inputSchema[0].type.kind: unknown column type 'System.Guid'")]
    [InlineData("model.json", "inputSchema", "[{\"name\":\"A\",\"type\":{\"kind\":\"Key\",\"count\":0}}]", "inputSchema[0].type.count: expected 1 … 4294967295, got 0")]
    [InlineData("model.json", "inputSchema", "[{\"name\":\"A\",\"type\":{\"kind\":\"Vector\",\"item\":{\"kind\":\"Single\"},\"dimensions\":[65536,65536]}}]", "more than 2147483647 items")]
    [InlineData("model.json", "inputSchema", "[{\"name\":\"A\",\"type\":{\"kind\":\"Text\"},\"annotations\":{\"KeyValues\":{\"type\":{\"kind\":\"Vector\",\"item\":{\"kind\":\"Text\"},\"dimensions\":[2]},\"value\":[\"a\"]}}}]", "expected 2 items as the type says, got 1")]
    [InlineData("model.json", "inputSchema", "[{\"name\":\"A\",\"type\":{\"kind\":\"Text\"},\"annotations\":{\"N\":{\"type\":{\"kind\":\"Int32\"},\"value\":1.5}}}]", "inputSchema[0].annotations.N.value: expected an Int32, got Number 1.5")]
    [InlineData("nodes/0/manifest.json", "kind", "[]", "kind: expected a string, got Array")]
    [InlineData("nodes/0/manifest.json", "version", "\"one\"", "version: expected an integer")]
    [InlineData("nodes/0/manifest.json", "settings", "[]", "settings: expected an object, got Array")]
    [InlineData("nodes/0/manifest.json", "children", "[\"nodes/1\"]", "children: expected an object, got Array")]
    [InlineData("nodes/1/manifest.json", "tensors", "[\"weight\",\"weight\"]", "tensors[1]: the name 'weight' is listed twice")]
    [InlineData("nodes/1/manifest.json", "tensors", "\"weight\"", "tensors: expected an array, got String")]
    public void Json_of_the_wrong_shape_is_refused_naming_entry_and_field(string entry, string field, string json, string expected)
    {
        var error = ModelZip.LoadFails(ModelZip.EditJson(Sample, entry, o => o[field] = JsonNode.Parse(json)));
        Assert.Equal(entry, error.ModelPath);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("{\"format\": ", "not valid JSON")]
    [InlineData("[1, 2]", "expected a JSON object, got Array")]
    [InlineData("{\"format\":\"MLNet.Recurrent.Model\",\"format\":\"x\"}", "Duplicate property")]
    [InlineData("{\"format\":\"\\ud800\"}", "not valid JSON")]
    public void Malformed_json_is_refused(string text, string expected)
    {
        var error = ModelZip.LoadFails(ModelZip.Replace(Sample, "model.json", Encoding.UTF8.GetBytes(text)));
        Assert.Equal("model.json", error.ModelPath);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Invalid_utf8_and_deep_nesting_are_refused()
    {
        var invalid = ModelZip.Replace(Sample, "model.json", [.. "{\"format\":\""u8, 0xFF, .. "\"}"u8]);
        Assert.Contains("not valid JSON", ModelZip.LoadFails(invalid).Message);

        string deep = "{\"a\":" + new string('[', 70) + new string(']', 70) + "}";
        Assert.Contains("not valid JSON", ModelZip.LoadFails(ModelZip.Replace(Sample, "nodes/3/manifest.json", Encoding.UTF8.GetBytes(deep))).Message);
    }

    [Fact]
    public void Settings_rejected_by_a_loader_are_reported_at_the_node()
    {
        var wrongType = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/3/manifest.json", json => json["settings"]!["factor"] = "big"));
        Assert.Equal("nodes/3", wrongType.ModelPath);
        Assert.Contains("field 'factor' is not a Single", wrongType.Message);

        var hugeCount = ModelZip.LoadFails(ModelZip.EditJson(Sample, "nodes/0/manifest.json", json => json["settings"]!["count"] = int.MaxValue));
        Assert.Equal("nodes/0", hugeCount.ModelPath);
        Assert.Contains("child '2' is missing", hugeCount.Message);

        // A bias of the wrong length: the transformer's constructor throws ArgumentException, reported as a format error.
        var weights = new MemoryStream();
        SafeTensors.Write(weights, [new("weight", Tensor.Zeros(4, 3)), new("bias", Tensor.Zeros(5))]);
        var shape = ModelZip.LoadFails(ModelZip.Replace(Sample, "nodes/1/weights.safetensors", weights.ToArray()));
        Assert.Equal("nodes/1", shape.ModelPath);
        Assert.Contains("Test.Affine (version 1) is invalid", shape.Message);
        Assert.IsType<ArgumentException>(shape.InnerException);
    }

    [Fact]
    public void Foreign_safetensors_content_is_refused_naming_the_entry()
    {
        var error = ModelZip.LoadFails(ModelZip.Replace(Sample, "nodes/1/weights.safetensors", [8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8, 1]));
        Assert.Equal("nodes/1/weights.safetensors", error.ModelPath);
        Assert.IsType<SafeTensorsFormatException>(error.InnerException);
    }

    private static int IndexOfCentralRecord(byte[] zip, string name)
    {
        byte[] signature = [0x50, 0x4b, 0x01, 0x02];
        byte[] encoded = Encoding.UTF8.GetBytes(name);
        for (int i = 0; i + 46 <= zip.Length; i++)
        {
            if (zip.AsSpan(i, 4).SequenceEqual(signature) && BitConverter.ToUInt16(zip, i + 28) == encoded.Length
                && zip.AsSpan(i + 46, encoded.Length).SequenceEqual(encoded))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no central directory record for {name}");
    }
}
