using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using static MLNet.Recurrent.Tests.Transforms.TransformTestData;

namespace MLNet.Recurrent.Tests.Transforms;

public class ColumnOperationTests
{
    private readonly MLContext _ml = new(1);

    private static InMemoryDataView Mixed() => new(
    [
        ("A", NumberDataViewType.Single, new[] { 1f, 2f }, null),
        ("B", new VectorDataViewType(NumberDataViewType.Single, 2), new[] { Vector(3f, 4f), Vector(5f, 6f) }, null),
        ("S", new VectorDataViewType(NumberDataViewType.Single), new[] { Vector(7f), Vector<float>() }, null),
        ("T", TextDataViewType.Instance, new[] { "x".AsMemory(), "y".AsMemory() }, null),
    ]);

    [Fact]
    public void Concatenate_scalars_and_fixed_vectors_gives_a_fixed_vector()
    {
        var output = _ml.Transforms.Concatenate("F", "A", "B", "A").Fit(Mixed()).Transform(Mixed());
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), output.Schema["F"].Type);
        Assert.Equal([[1f, 3f, 4f, 1f], [2f, 5f, 6f, 2f]], ReadVectors<float>(output, "F"));
    }

    [Fact]
    public void Concatenate_with_a_variable_length_input_gives_a_variable_length_vector()
    {
        var output = _ml.Transforms.Concatenate("F", "S", "A").Fit(Mixed()).Transform(Mixed());
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single), output.Schema["F"].Type);
        Assert.Equal([[7f, 1f], [2f]], ReadVectors<float>(output, "F"));
    }

    [Fact]
    public void Concatenate_rejects_mixed_item_types()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Concatenate("F", "A", "T").Fit(Mixed()));
        Assert.Equal(("T", "String"), (error.ColumnName, error.Actual));
        Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Concatenate("F", "A", "T").GetOutputSchema(SchemaShape.Create(Mixed().Schema)));
        Assert.Throws<ArgumentException>(() => _ml.Transforms.Concatenate("F"));
    }

    [Fact]
    public void CopyColumns_copies_values_type_and_annotations()
    {
        var data = Texts("W", "a", "b", "a");
        var output = _ml.Transforms.Conversion.MapValueToKey("K", "W").Append(_ml.Transforms.CopyColumns("K2", "K")).Fit(data).Transform(data);
        Assert.Equal(output.Schema["K"].Type, output.Schema["K2"].Type);
        Assert.Equal(["a", "b"], KeyValues(output.Schema["K2"]));
        Assert.Equal([1u, 2u, 1u], Read<uint>(output, "K2"));
        Assert.Equal([[3f, 4f], [5f, 6f]], ReadVectors<float>(_ml.Transforms.CopyColumns("B2", "B").Fit(Mixed()).Transform(Mixed()), "B2"));
    }

    [Fact]
    public void SelectColumns_keeps_the_given_order_and_DropColumns_the_input_order()
    {
        var selected = _ml.Transforms.SelectColumns("T", "A").Fit(Mixed()).Transform(Mixed());
        Assert.Equal(["T", "A"], selected.Schema.Select(c => c.Name));
        Assert.Equal(["x", "y"], Read<ReadOnlyMemory<char>>(selected, "T").Select(t => t.ToString()));
        Assert.Equal([1f, 2f], Read<float>(selected, "A"));

        var dropped = _ml.Transforms.DropColumns("B", "S").Fit(Mixed()).Transform(Mixed());
        Assert.Equal(["A", "T"], dropped.Schema.Select(c => c.Name));
        Assert.Equal(2, dropped.GetRowCount());
    }

    [Fact]
    public void Hidden_columns_are_kept_only_when_asked_and_always_dropped()
    {
        var data = Mixed();
        var replaced = _ml.Transforms.CopyColumns("A", "B").Fit(data).Transform(data);   // the old A is now hidden
        Assert.Equal(["A"], _ml.Transforms.SelectColumns("A").Fit(replaced).Transform(replaced).Schema.Select(c => c.Name));

        var withHidden = _ml.Transforms.SelectColumns(["A"], keepHidden: true).Fit(replaced).Transform(replaced);
        Assert.Equal([(true, "Single"), (false, "Vector<Single, 2>")], withHidden.Schema.Select(c => (c.IsHidden, c.Type.ToString()!)));
        Assert.Equal([[3f, 4f], [5f, 6f]], ReadVectors<float>(withHidden, "A"));

        Assert.Equal(["B", "S", "T"], _ml.Transforms.DropColumns("A").Fit(replaced).Transform(replaced).Schema.Select(c => c.Name));
    }

    [Fact]
    public void Selecting_is_lazy_and_missing_columns_are_errors()
    {
        var counting = new CountingDataView(Mixed());
        var selected = _ml.Transforms.SelectColumns("A").Fit(counting).Transform(counting);
        Assert.Equal(0, counting.CursorsOpened);
        Read<float>(selected, "A");
        Assert.Equal(1, counting.CursorsOpened);

        var error = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.SelectColumns("A", "Nope").Fit(Mixed()));
        Assert.Equal(("Nope", "missing"), (error.ColumnName, error.Actual));
        Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.DropColumns("Nope").GetOutputSchema(SchemaShape.Create(Mixed().Schema)));
    }

    [Fact]
    public void Estimator_shapes_match_the_fitted_schemas()
    {
        var data = Mixed();
        var estimator = _ml.Transforms.Concatenate("F", "A", "B")
            .Append(_ml.Transforms.Concatenate("G", "S", "A"))
            .Append(_ml.Transforms.CopyColumns("C", "T"))
            .Append(_ml.Transforms.DropColumns("B"))
            .Append(_ml.Transforms.SelectColumns("G", "F", "C"));
        AssertShapeMatches(estimator.GetOutputSchema(SchemaShape.Create(data.Schema)), estimator.Fit(data).GetOutputSchema(data.Schema));
    }

    [Fact]
    public void Save_and_load_round_trip_of_a_chain_of_column_operations()
    {
        var data = Mixed();
        var model = _ml.Transforms.Concatenate("F", "S", "B")
            .Append(_ml.Transforms.CopyColumns("C", "A"))
            .Append(_ml.Transforms.SelectColumns("F", "C"))
            .Fit(data);
        var loaded = RoundTrip(new TransformerChain<ITransformer>([.. model]));

        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(expected.Schema.Select(c => (c.Name, c.Type)), actual.Schema.Select(c => (c.Name, c.Type)));
        Assert.Equal(ReadVectors<float>(expected, "F"), ReadVectors<float>(actual, "F"));
        Assert.Equal(Read<float>(expected, "C"), Read<float>(actual, "C"));
    }
}
