using System.IO.Compression;
using System.Text.Json.Nodes;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.ModelRoundTrip;
using MLNet.Recurrent.Persistence;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Tests.Persistence;

public sealed class ModelFileRoundTripTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Chain_with_tensors_saved_to_a_file_loads_with_identical_predictions_and_weights()
    {
        var mlContext = new MLContext(1);
        var model = SampleModel.Build(seed: 3);
        string path = _directory.File("model.zip");
        mlContext.Model.Save(model, SampleModel.Input().Schema, path);

        ITransformer loaded;
        using (TestModelKinds.Register())
        {
            loaded = mlContext.Model.Load(path, out _);
        }

        Assert.Equal(SampleModel.Predict(model), SampleModel.Predict(loaded));
        var chain = Assert.IsType<TransformerChain<ITransformer>>(loaded);
        var first = Assert.IsType<AffineTransformer>(chain.First());
        Assert.Equal(((AffineTransformer)model.First()).Weight.ToArray(), first.Weight.ToArray());
        Assert.Equal([4, 3], first.Weight.Shape.ToArray());
        var inner = Assert.IsType<TransformerChain<ITransformer>>(chain.Last());
        Assert.Equal(-1.5f, Assert.IsType<ScaleTransformer>(inner.First()).Factor);
        Assert.Equal(model.GetOutputSchema(SampleModel.Input().Schema).ToString(), loaded.GetOutputSchema(SampleModel.Input().Schema).ToString());
    }

    [Fact]
    public void Stream_overloads_round_trip_from_the_stream_start_and_leave_it_open()
    {
        var model = SampleModel.Build(seed: 4);
        var stream = new MemoryStream();
        new MLContext(1).Model.Save(model, null, stream);
        Assert.True(stream.CanWrite, "Save must leave the stream open");
        Assert.Equal(stream.Length, stream.Position);

        // Read as a whole from the start, wherever the position is (here: the end, right after saving).
        ITransformer loaded;
        DataViewSchema? schema;
        using (TestModelKinds.Register())
        {
            loaded = new MLContext(1).Model.Load(stream, out schema);
        }

        Assert.True(stream.CanRead, "Load must leave the stream open");
        Assert.Null(schema);
        Assert.Equal(SampleModel.Predict(model), SampleModel.Predict(loaded));
    }

    [Fact]
    public void Streams_that_cannot_seek_work_for_saving_and_loading()
    {
        var model = SampleModel.Build(seed: 5);
        var target = new MemoryStream();
        new MLContext(1).Model.Save(model, SampleModel.Input().Schema, new ForwardOnlyStream(target, writable: true));

        ITransformer loaded;
        using (TestModelKinds.Register())
        {
            loaded = new MLContext(1).Model.Load(new ForwardOnlyStream(new MemoryStream(target.ToArray()), writable: false), out _);
        }

        Assert.Equal(SampleModel.Predict(model), SampleModel.Predict(loaded));
    }

    [Fact]
    public void Input_schema_round_trips_every_recordable_type_annotations_and_hidden_columns()
    {
        var keyValues = Annotations.ForKeyValues(["a", "b", "c"]);
        var mixed = new Annotations(new Dictionary<string, (DataViewType, object)>
        {
            ["SlotNames"] = (new VectorDataViewType(TextDataViewType.Instance, 2), new VBuffer<ReadOnlyMemory<char>>(2, ["x".AsMemory(), "y\"\n".AsMemory()])),
            ["IsNormalized"] = (BooleanDataViewType.Instance, true),
            ["Specials"] = (new VectorDataViewType(NumberDataViewType.Single), new VBuffer<float>(4, [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.1f])),
            ["Offset"] = (NumberDataViewType.Double, double.Epsilon),
            ["Big"] = (NumberDataViewType.Int64, long.MinValue),
            ["Keys"] = (new VectorDataViewType(new KeyDataViewType(typeof(uint), 9), 2), new VBuffer<uint>(2, [0u, 9u])),
        });
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("F", NumberDataViewType.Single);
        builder.AddColumn("D", NumberDataViewType.Double, mixed);
        builder.AddColumn("I", NumberDataViewType.Int32);
        builder.AddColumn("L", NumberDataViewType.Int64);
        builder.AddColumn("U", NumberDataViewType.UInt32);
        builder.AddColumn("B", BooleanDataViewType.Instance);
        builder.AddColumn("T", TextDataViewType.Instance);
        builder.AddColumn("Label", new KeyDataViewType(typeof(uint), 3), keyValues);
        builder.AddColumn("Grid", new VectorDataViewType(NumberDataViewType.Single, 2, 3));
        builder.AddColumn("Tokens", new VectorDataViewType(new KeyDataViewType(typeof(uint), 5)));
        builder.AddColumn("F", new VectorDataViewType(NumberDataViewType.Double, 4));
        var schema = builder.ToSchema();

        var stream = new MemoryStream();
        new MLContext(1).Model.Save(null, schema, stream);
        new MLContext(1).Model.Load(new MemoryStream(stream.ToArray()), out var loaded);

        Assert.NotNull(loaded);
        Assert.Equal(schema.Count, loaded.Count);
        for (int i = 0; i < schema.Count; i++)
        {
            Assert.Equal(schema[i].Name, loaded[i].Name);
            Assert.Equal(schema[i].IsHidden, loaded[i].IsHidden);
            Assert.Equal(schema[i].Type, loaded[i].Type);
            Assert.Equal(schema[i].Annotations.Kinds.Order(), loaded[i].Annotations.Kinds.Order());
        }

        Assert.True(loaded[0].IsHidden);
        Assert.Equal([2, 3], ((VectorDataViewType)loaded["Grid"].Type).Dimensions);
        Assert.Equal(3ul, ((KeyDataViewType)loaded["Label"].Type).Count);
        VBuffer<ReadOnlyMemory<char>> names = default;
        loaded["Label"].Annotations.GetValue(AnnotationKinds.KeyValues, ref names);
        Assert.Equal(["a", "b", "c"], names.DenseValues().Select(m => m.ToString()));

        var annotations = loaded["D"].Annotations;
        Assert.True(annotations.TryGetValue<VBuffer<ReadOnlyMemory<char>>>("SlotNames", out var slots));
        Assert.Equal(["x", "y\"\n"], slots.DenseValues().Select(m => m.ToString()));
        Assert.True(annotations.TryGetValue<bool>("IsNormalized", out bool normalized) && normalized);
        Assert.True(annotations.TryGetValue<VBuffer<float>>("Specials", out var specials));
        Assert.Equal([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.1f], specials.ToArray());
        Assert.True(annotations.TryGetValue<double>("Offset", out double offset) && offset == double.Epsilon);
        Assert.True(annotations.TryGetValue<long>("Big", out long big) && big == long.MinValue);
        Assert.True(annotations.TryGetValue<VBuffer<uint>>("Keys", out var keys));
        Assert.Equal([0u, 9u], keys.ToArray());
    }

    [Fact]
    public void Null_model_saves_an_empty_chain_and_no_schema_loads_as_null()
    {
        string path = _directory.File("empty.zip");
        new MLContext(1).Model.Save(null, null, path);
        var loaded = new MLContext(1).Model.Load(path, out var schema);
        Assert.Null(schema);
        Assert.Empty(Assert.IsType<TransformerChain<ITransformer>>(loaded));
    }

    [Fact]
    public void Saving_the_same_model_twice_gives_identical_bytes()
    {
        Assert.Equal(ModelZip.SampleBytes(seed: 9), ModelZip.SampleBytes(seed: 9));
        Assert.NotEqual(ModelZip.SampleBytes(seed: 9), ModelZip.SampleBytes(seed: 10));
    }

    [Fact]
    public void File_holds_the_documented_layout()
    {
        var entries = ModelZip.Entries(ModelZip.SampleBytes());
        Assert.Equal(
            [
                "nodes/0/manifest.json",
                "nodes/1/manifest.json", "nodes/1/weights.safetensors",
                "nodes/2/manifest.json",
                "nodes/3/manifest.json",
                "nodes/4/manifest.json", "nodes/4/weights.safetensors",
                "model.json",
            ],
            entries.Select(e => e.Name));

        var root = JsonNode.Parse(entries[^1].Data)!;
        var recorded = root["entries"]!.AsObject();
        Assert.Equal(entries.Count - 1, recorded.Count);
        foreach (var (name, data) in entries.SkipLast(1))
        {
            var crc = new Crc32();
            crc.Append(data);
            Assert.Equal(crc.Value.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), (string?)recorded[name]);
        }

        Assert.Equal("MLNet.Recurrent.Model", (string?)root["format"]);
        Assert.Equal(1, (int?)root["formatVersion"]);
        Assert.Equal("nodes/0", (string?)root["root"]);
        Assert.False(string.IsNullOrEmpty((string?)root["libraryVersion"]));
        Assert.Equal("Features", (string?)root["inputSchema"]![0]!["name"]);
        Assert.Equal("Vector", (string?)root["inputSchema"]![0]!["type"]!["kind"]);

        var chain = JsonNode.Parse(entries[0].Data)!;
        Assert.Equal("TransformerChain", (string?)chain["kind"]);
        Assert.Equal(1, (int?)chain["version"]);
        Assert.Equal(2, (int?)chain["settings"]!["count"]);
        Assert.Equal("nodes/1", (string?)chain["children"]!["0"]);
        Assert.Equal("nodes/2", (string?)chain["children"]!["1"]);

        var affine = JsonNode.Parse(entries[1].Data)!;
        Assert.Equal(["weight", "bias"], affine["tensors"]!.AsArray().Select(n => (string?)n));
        var weights = SafeTensors.Read(entries[2].Data);
        Assert.Equal([4, 3], weights.Tensors["weight"].Shape.ToArray());
        Assert.Equal([4], weights.Tensors["bias"].Shape.ToArray());
    }

    [Fact]
    public void Weights_are_stored_uncompressed_and_manifests_deflated()
    {
        using var archive = new ZipArchive(new MemoryStream(ModelZip.SampleBytes()), ZipArchiveMode.Read);
        var weights = archive.GetEntry("nodes/1/weights.safetensors")!;
        Assert.Equal(weights.Length, weights.CompressedLength);
        var manifest = archive.GetEntry("nodes/0/manifest.json")!;
        Assert.True(manifest.CompressedLength < manifest.Length);
    }

    [Fact]
    public void Older_kind_version_still_loads_and_a_newer_one_is_refused_with_the_kind_and_versions()
    {
        var bytes = ModelZip.SampleBytes();
        var expected = SampleModel.Predict(SampleModel.Build(seed: 7));
        var version1 = ModelZip.EditJson(bytes, "nodes/3/manifest.json", json =>
        {
            json["version"] = 1;
            var settings = json["settings"]!.AsObject();
            settings["scale"] = settings["factor"]!.DeepClone();
            settings.Remove("factor");
        });
        Assert.Equal(expected, SampleModel.Predict(ModelZip.Load(version1, out _)));

        var version3 = ModelZip.EditJson(bytes, "nodes/3/manifest.json", json => json["version"] = 3);
        var error = ModelZip.LoadFails(version3);
        Assert.Equal("nodes/3", error.ModelPath);
        Assert.Contains("Test.Scale format version 3 is not supported (this library reads 1 … 2)", error.Message);
    }

    [Fact]
    public void Schema_with_a_foreign_column_type_is_refused_before_anything_is_written()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Odd", new ForeignType());
        string path = _directory.File("foreign.zip");
        var error = Assert.Throws<ArgumentException>(() => new MLContext(1).Model.Save(null, builder.ToSchema(), path));
        Assert.Equal("inputSchema", error.ParamName);
        Assert.Contains("column 'Odd'", error.Message);
        Assert.Empty(_directory.Files());
    }

    [Fact]
    public void Settings_that_are_not_valid_json_fail_the_save_without_touching_the_stream()
    {
        var stream = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() =>
            new MLContext(1).Model.Save(new ScaleTransformer("A", "B", float.NaN), null, stream));
        Assert.Contains("Test.Scale", error.Message);
        Assert.Equal(0, stream.Length);
    }

    private sealed class ForeignType() : DataViewType(typeof(Guid))
    {
        public override bool Equals(DataViewType? other) => other is ForeignType;

        public override int GetHashCode() => 1;
    }
}
