using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Tests.Pipeline;

public class TransformerChainTests
{
    /// <summary>Adds Doubled = 2·X; used to exercise the chain and the lazy mapped view.</summary>
    private sealed class DoublingTransformer(string input, string output) : RowToRowTransformerBase
    {
        public int RowsComputed { get; private set; }

        protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
        {
            SchemaMismatchException.Check(nameof(inputSchema), inputSchema, input, "Single", t => t == NumberDataViewType.Single);
            return [new OutputColumn(output, NumberDataViewType.Single)];
        }

        protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
            => [inputSchema[input]];

        protected internal override Delegate?[] CreateGetters(DataViewRow row, Func<int, bool> isOutputActive)
        {
            var source = row.GetGetter<float>(row.Schema[input]);
            ValueGetter<float> getter = (ref float value) =>
            {
                float x = 0;
                source(ref x);
                value = 2 * x;
                RowsComputed++;
            };
            return [getter];
        }

        public override void Save(ModelSaveContext context) => throw new NotSupportedException();
    }

    private static InMemoryDataView Numbers(params float[] values)
        => new([("X", NumberDataViewType.Single, values, null)]);

    private static List<float> Read(IDataView view, string column)
    {
        var result = new List<float>();
        var col = view.Schema[column];
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<float>(col);
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(value);
        }

        return result;
    }

    [Fact]
    public void Chain_applies_transformers_in_order_and_replaces_same_named_columns()
    {
        var chain = new TransformerChain<ITransformer>(new DoublingTransformer("X", "X"), new DoublingTransformer("X", "Y"));
        var output = chain.Transform(Numbers(1, 2, 3));
        Assert.Equal([2f, 4f, 6f], Read(output, "X"));
        Assert.Equal([4f, 8f, 12f], Read(output, "Y"));
        Assert.True(output.Schema[0].IsHidden);
        Assert.Equal(3, output.GetRowCount());
    }

    [Fact]
    public void Transform_is_lazy_until_a_cursor_reads_the_column()
    {
        var transformer = new DoublingTransformer("X", "Y");
        var output = transformer.Transform(Numbers(1, 2));
        Assert.Equal(0, transformer.RowsComputed);
        Assert.Equal([1f, 2f], Read(output, "X"));
        Assert.Equal(0, transformer.RowsComputed);
        Read(output, "Y");
        Assert.Equal(2, transformer.RowsComputed);
    }

    [Fact]
    public void Missing_or_mistyped_column_names_column_and_expected_type()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => new DoublingTransformer("Z", "Y").Transform(Numbers(1)));
        Assert.Equal("Z", error.ColumnName);
        Assert.Equal("missing", error.Actual);
        Assert.Contains("'Z'", error.Message);

        var text = new InMemoryDataView([("Z", TextDataViewType.Instance, new[] { "a".AsMemory() }, null)]);
        var mistyped = Assert.Throws<SchemaMismatchException>(() => new DoublingTransformer("Z", "Y").GetOutputSchema(text.Schema));
        Assert.Equal("String", mistyped.Actual);
        Assert.Equal("inputSchema", mistyped.ParamName);
    }

    [Fact]
    public void Shuffled_cursor_visits_every_row_once()
    {
        var view = Numbers(Enumerable.Range(0, 50).Select(i => (float)i).ToArray());
        var col = view.Schema["X"];
        using var cursor = view.GetRowCursor([col], new Random(3));
        var getter = cursor.GetGetter<float>(col);
        var seen = new List<float>();
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            seen.Add(value);
        }

        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (float)i), seen);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), seen.Order());
    }
}
