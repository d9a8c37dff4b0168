using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using static MLNet.Recurrent.Tests.Transforms.TransformTestData;

namespace MLNet.Recurrent.Tests.Transforms;

public class ValueToKeyMappingTests
{
    private readonly MLContext _ml = new(1);

    [Fact]
    public void MapValueToKey_text_assigns_keys_by_first_occurrence_and_zero_to_unseen_or_missing()
    {
        var model = _ml.Transforms.Conversion.MapValueToKey("Key", "Word").Fit(Texts("Word", "b", "a", "b", "c"));
        var output = model.Transform(Texts("Word", "a", "z", "c", "", "b"));

        Assert.Equal([2u, 0u, 3u, 0u, 1u], Read<uint>(output, "Key"));
        var column = output.Schema["Key"];
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), column.Type);
        Assert.Equal(["b", "a", "c"], KeyValues(column));
        Assert.Equal(3, model.KeyCount);
    }

    [Fact]
    public void ByValue_orders_keys_by_value_and_maximum_keeps_the_first_distinct_values()
    {
        var numbers = Floats("X", 30, 10, 20, 10, float.NaN, 40);
        var byValue = _ml.Transforms.Conversion.MapValueToKey("K", "X", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(numbers);
        Assert.Equal([3u, 1u, 2u, 1u, 0u, 4u], Read<uint>(byValue.Transform(numbers), "K"));

        var limited = _ml.Transforms.Conversion.MapValueToKey("K", "X", maximumNumberOfKeys: 2).Fit(numbers);
        Assert.Equal([1u, 2u, 0u, 2u, 0u, 0u], Read<uint>(limited.Transform(numbers), "K"));
    }

    [Fact]
    public void Number_key_values_keep_their_type_unless_asked_for_text()
    {
        var numbers = Floats("X", 2.5f, -1f);
        var typed = _ml.Transforms.Conversion.MapValueToKey("K", "X").Fit(numbers).GetOutputSchema(numbers.Schema)["K"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), typed.Annotations.GetTypeOrNull(AnnotationKinds.KeyValues));

        var asText = _ml.Transforms.Conversion.MapValueToKey("K", "X", addKeyValueAnnotationsAsText: true).Fit(numbers).GetOutputSchema(numbers.Schema)["K"];
        Assert.Equal(["2.5", "-1"], KeyValues(asText));
    }

    [Fact]
    public void Vector_inputs_map_item_by_item_keeping_dimensions()
    {
        var data = new InMemoryDataView(
        [
            ("Words", new VectorDataViewType(TextDataViewType.Instance), new[] { TextVector("x", "y"), TextVector("y", "y", "z"), TextVector() }, null),
            ("Flags", new VectorDataViewType(BooleanDataViewType.Instance, 2), new[] { Vector(true, false), Vector(false, false), Vector(true, true) }, null),
        ]);
        var model = _ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words")
            .Append(_ml.Transforms.Conversion.MapValueToKey("FlagKeys", "Flags"))
            .Fit(data);
        var output = model.Transform(data);

        Assert.Equal([[1u, 2u], [2u, 2u, 3u], []], ReadVectors<uint>(output, "WordKeys"));
        Assert.Equal([[1u, 2u], [2u, 2u], [1u, 1u]], ReadVectors<uint>(output, "FlagKeys"));
        Assert.Equal(new VectorDataViewType(new KeyDataViewType(typeof(uint), 3)), output.Schema["WordKeys"].Type);
        Assert.Equal(new VectorDataViewType(new KeyDataViewType(typeof(uint), 2), 2), output.Schema["FlagKeys"].Type);
    }

    [Fact]
    public void KeyData_defines_the_keys_and_the_training_data_is_not_read()
    {
        var training = new CountingDataView(Texts("Label", "cat", "dog"));
        var model = _ml.Transforms.Conversion.MapValueToKey("Label", keyData: Texts("Values", "dog", "cat", "emu")).Fit(training);

        Assert.Equal(0, training.CursorsOpened);
        Assert.Equal([2u, 1u], Read<uint>(model.Transform(training), "Label"));
        Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Conversion.MapValueToKey("Label", keyData: Floats("V", 1)).Fit(training));
    }

    [Fact]
    public void MapKeyToValue_restores_values_and_gives_missing_for_key_zero()
    {
        var training = Floats("X", 1.5f, 2.5f);
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("K", "X").Append(_ml.Transforms.Conversion.MapKeyToValue("Back", "K"));
        var output = pipeline.Fit(training).Transform(Floats("X", 2.5f, 9f, 1.5f));

        var back = Read<float>(output, "Back");
        Assert.Equal(2.5f, back[0]);
        Assert.True(float.IsNaN(back[1]));
        Assert.Equal(1.5f, back[2]);

        var words = new InMemoryDataView([("W", new VectorDataViewType(TextDataViewType.Instance), new[] { TextVector("a", "b"), TextVector("b") }, null)]);
        var textPipeline = _ml.Transforms.Conversion.MapValueToKey("K", "W").Append(_ml.Transforms.Conversion.MapKeyToValue("W2", "K"));
        Assert.Equal([["a", "b"], ["b"]], ReadTextVectors(textPipeline.Fit(words).Transform(words), "W2"));
    }

    [Fact]
    public void Schema_errors_name_the_column_and_the_expected_type()
    {
        var missing = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Conversion.MapValueToKey("K", "Nope").Fit(Floats("X", 1)));
        Assert.Equal(("Nope", "missing"), (missing.ColumnName, missing.Actual));

        var keys = _ml.Transforms.Conversion.MapValueToKey("K", "X").Fit(Floats("X", 1)).Transform(Floats("X", 1));
        var notValue = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Conversion.MapValueToKey("K2", "K").GetOutputSchema(SchemaShape.Create(keys.Schema)));
        Assert.Equal("K", notValue.ColumnName);

        var notKey = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Conversion.MapKeyToValue("V", "X").Fit(Floats("X", 1)));
        Assert.Contains("Key", notKey.Expected);

        var mistyped = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Conversion.MapValueToKey("K", "X").Fit(Floats("X", 1)).Transform(Texts("X", "a")));
        Assert.Equal("String", mistyped.Actual);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Conversion.MapValueToKey("K", maximumNumberOfKeys: 0));
    }

    [Fact]
    public void Estimator_shape_matches_the_fitted_schema()
    {
        var data = Texts("W", "a", "b");
        var estimator = _ml.Transforms.Conversion.MapValueToKey("K", "W").Append(_ml.Transforms.Conversion.MapKeyToValue("V", "K"));
        AssertShapeMatches(estimator.GetOutputSchema(SchemaShape.Create(data.Schema)), estimator.Fit(data).GetOutputSchema(data.Schema));
    }

    [Fact]
    public void Save_and_load_round_trip_gives_identical_keys_and_values()
    {
        var data = Floats("X", 3, 1, 2, 1);
        var chain = _ml.Transforms.Conversion.MapValueToKey("K", "X", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(_ml.Transforms.Conversion.MapKeyToValue("V", "K"))
            .Fit(data);
        var loaded = RoundTrip<TransformerChain<ITransformer>>(new TransformerChain<ITransformer>([.. chain]));

        var expected = chain.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(Read<uint>(expected, "K"), Read<uint>(actual, "K"));
        Assert.Equal(Read<float>(expected, "V"), Read<float>(actual, "V"));
        Assert.Equal(expected.Schema["K"].Annotations.GetTypeOrNull(AnnotationKinds.KeyValues), actual.Schema["K"].Annotations.GetTypeOrNull(AnnotationKinds.KeyValues));

        var text = Texts("W", "x", "y");
        var textModel = _ml.Transforms.Conversion.MapValueToKey("K", "W").Fit(text);
        Assert.Equal(KeyValues(textModel.Transform(text).Schema["K"]), KeyValues(RoundTrip(textModel).Transform(text).Schema["K"]));
    }
}
