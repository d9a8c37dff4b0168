using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.ModelRoundTrip;
using MLNet.Recurrent.Persistence;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Tests.Persistence;

public sealed class ModelFileAtomicWriteTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Model_whose_save_throws_leaves_the_old_file_unchanged_and_no_temporary_file()
    {
        string path = _directory.File("model.zip");
        var mlContext = new MLContext(1);
        mlContext.Model.Save(SampleModel.Build(1), null, path);
        byte[] before = File.ReadAllBytes(path);

        var broken = new TransformerChain<ITransformer>(SampleModel.Build(2), new ThrowingTransformer());
        var error = Assert.Throws<IOException>(() => mlContext.Model.Save(broken, null, path));
        Assert.Equal("disk full (simulated)", error.Message);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], _directory.Files());
    }

    [Fact]
    public void Failure_in_the_middle_of_writing_leaves_the_old_file_unchanged_and_no_temporary_file()
    {
        string path = _directory.File("data.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            Assert.Equal(2, _directory.Files().Length);
            throw new IOException("interrupted");
        }));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], _directory.Files());
    }

    [Fact]
    public void Saving_over_an_existing_model_replaces_it()
    {
        string path = _directory.File("model.zip");
        var mlContext = new MLContext(1);
        mlContext.Model.Save(SampleModel.Build(1), null, path);
        mlContext.Model.Save(SampleModel.Build(2), SampleModel.Input().Schema, path);

        using var kinds = TestModelKinds.Register();
        var loaded = mlContext.Model.Load(path, out var schema);
        Assert.Equal(SampleModel.Predict(SampleModel.Build(2)), SampleModel.Predict(loaded));
        Assert.NotNull(schema);
        Assert.Equal([path], _directory.Files());
    }

    private sealed class ThrowingTransformer : RowToRowTransformerBase
    {
        public override void Save(ModelSaveContext context) => throw new IOException("disk full (simulated)");

        protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema) => [];

        protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex) => [];

        protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive) => [];
    }
}
