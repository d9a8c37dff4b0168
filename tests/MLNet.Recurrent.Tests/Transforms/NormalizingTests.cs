using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using static MLNet.Recurrent.Tests.Transforms.TransformTestData;

namespace MLNet.Recurrent.Tests.Transforms;

public class NormalizingTests
{
    private readonly MLContext _ml = new(1);

    private static void AssertClose(IEnumerable<float> expected, IEnumerable<float> actual, float tolerance = 1e-6f)
    {
        foreach (var (e, a) in expected.Zip(actual, (e, a) => (e, a)))
        {
            Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)), $"expected {e}, got {a}");
        }

        Assert.Equal(expected.Count(), actual.Count());
    }

    [Fact]
    public void NormalizeMinMax_with_fixZero_divides_by_the_largest_magnitude()
    {
        var data = Floats("X", -2, 1, 4);
        var model = _ml.Transforms.NormalizeMinMax("Y", "X").Fit(data);
        var parameters = Assert.IsType<AffineNormalizerParameters>(model.Parameters);

        Assert.Equal([0.25f], parameters.Scale);
        Assert.Equal([0f], parameters.Offset);
        Assert.Equal([-0.5f, 0.25f, 1f], Read<float>(model.Transform(data), "Y"));
    }

    [Fact]
    public void NormalizeMinMax_without_fixZero_maps_to_unit_interval_and_inverts()
    {
        var data = Floats("X", 2, 4, 6);
        var model = _ml.Transforms.NormalizeMinMax("Y", "X", fixZero: false).Fit(data);

        var normalized = Read<float>(model.Transform(data), "Y");
        Assert.Equal([0f, 0.5f, 1f], normalized);
        var restored = new float[3];
        model.Parameters.Denormalize(normalized.ToArray(), restored);
        Assert.Equal([2f, 4f, 6f], restored);
        Assert.Equal(10f, model.Parameters.Denormalize(2f));
    }

    [Fact]
    public void NormalizeMeanVariance_uses_population_variance_with_and_without_fixZero()
    {
        var data = Floats("X", 1, 2, 3, 4);
        float sigma = MathF.Sqrt(1.25f);

        var centred = _ml.Transforms.NormalizeMeanVariance("Y", "X", fixZero: false).Fit(data);
        AssertClose([-1.5f / sigma, -0.5f / sigma, 0.5f / sigma, 1.5f / sigma], Read<float>(centred.Transform(data), "Y"));
        Assert.Equal(2.5f, ((AffineNormalizerParameters)centred.Parameters).Offset[0]);

        var fixedZero = _ml.Transforms.NormalizeMeanVariance("Y", "X").Fit(data);
        float norm = MathF.Sqrt(1.25f + 6.25f);
        AssertClose([1 / norm, 2 / norm, 3 / norm, 4 / norm], Read<float>(fixedZero.Transform(data), "Y"));
        AssertClose([3f], [fixedZero.Parameters.Denormalize(3 / norm)]);
    }

    [Fact]
    public void UseCdf_outputs_the_normal_cdf_and_inverts_it()
    {
        var data = Floats("X", 1, 2, 3, 4);
        var model = _ml.Transforms.NormalizeMeanVariance("Y", "X", useCdf: true).Fit(data);
        var parameters = Assert.IsType<CdfNormalizerParameters>(model.Parameters);
        Assert.Equal(2.5f, parameters.Mean[0]);
        AssertClose([MathF.Sqrt(1.25f)], parameters.StandardDeviation);

        var y = Read<float>(model.Transform(Floats("X", 2.5f, 2.5f + MathF.Sqrt(1.25f), -100f)), "Y");
        Assert.Equal(0.5f, y[0]);
        Assert.InRange(y[1], 0.8413f - 1e-3f, 0.8413f + 1e-3f);   // Φ(1)
        Assert.InRange(y[2], 0f, 1e-6f);
        foreach (float x in new[] { -1f, 0.3f, 2.5f, 4.2f })
        {
            AssertClose([x], [parameters.Denormalize(parameters.Normalize(x))], 1e-4f);
        }
    }

    [Fact]
    public void Fixed_vectors_are_normalised_per_slot_and_a_constant_slot_maps_to_zero_but_inverts()
    {
        var data = new InMemoryDataView([("V", new VectorDataViewType(NumberDataViewType.Single, 2), new[] { Vector(0f, 7f), Vector(10f, 7f), Vector(5f, 7f) }, null)]);
        var model = _ml.Transforms.NormalizeMinMax("N", "V", fixZero: false).Fit(data);

        Assert.Equal([[0f, 0f], [1f, 0f], [0.5f, 0f]], ReadVectors<float>(model.Transform(data), "N"));
        Assert.Equal(2, model.Parameters.SlotCount);
        var restored = new float[2];
        model.Parameters.Denormalize([0.5f, 0f], restored);
        Assert.Equal([5f, 7f], restored);
        Assert.Throws<ArgumentException>(() => model.Parameters.Denormalize([1f, 2f, 3f], new float[3]));
    }

    [Fact]
    public void Variable_length_vectors_share_one_statistic_over_every_item()
    {
        var data = new InMemoryDataView([("S", new VectorDataViewType(NumberDataViewType.Single), new[] { Vector(1f, 2f), Vector(4f), Vector<float>() }, null)]);
        var model = _ml.Transforms.NormalizeMinMax("N", "S").Fit(data);

        Assert.True(model.Parameters.IsShared);
        Assert.Equal([[0.25f, 0.5f], [1f], []], ReadVectors<float>(model.Transform(data), "N"));
        var horizon = new float[3];
        model.Parameters.Denormalize([0.5f, 0.75f, 1f], horizon);
        Assert.Equal([2f, 3f, 4f], horizon);
    }

    [Fact]
    public void Non_finite_values_are_ignored_when_fitting_and_stay_nan()
    {
        var data = Floats("X", float.NaN, 2, float.PositiveInfinity, 4);
        var normalized = Read<float>(_ml.Transforms.NormalizeMinMax("Y", "X").Fit(data).Transform(data), "Y");
        Assert.True(float.IsNaN(normalized[0]));
        Assert.Equal(0.5f, normalized[1]);
        Assert.Equal(1f, normalized[3]);
    }

    [Fact]
    public void MaximumExampleCount_limits_the_rows_read_while_fitting()
    {
        var data = Floats("X", 1, 2, 100);
        var model = _ml.Transforms.NormalizeMinMax("Y", "X", maximumExampleCount: 2).Fit(data);
        Assert.Equal([0.5f], ((AffineNormalizerParameters)model.Parameters).Scale);
    }

    [Fact]
    public void Schema_errors_name_the_column_and_expected_shape()
    {
        var text = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.NormalizeMinMax("Y", "X").Fit(Texts("X", "a")));
        Assert.Equal("String", text.Actual);

        var fitted = _ml.Transforms.NormalizeMinMax("Y", "X").Fit(Floats("X", 1, 2));
        var vector = new InMemoryDataView([("X", new VectorDataViewType(NumberDataViewType.Single, 2), new[] { Vector(1f, 2f) }, null)]);
        var wrongShape = Assert.Throws<SchemaMismatchException>(() => fitted.Transform(vector));
        Assert.Equal("Single", wrongShape.Expected);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.NormalizeMinMax("Y", maximumExampleCount: 1));
    }

    [Fact]
    public void Estimator_shape_matches_the_fitted_schema()
    {
        var data = new InMemoryDataView([("V", new VectorDataViewType(NumberDataViewType.Single), new[] { Vector(1f, 2f) }, null)]);
        var estimator = _ml.Transforms.NormalizeMeanVariance("N", "V");
        AssertShapeMatches(estimator.GetOutputSchema(SchemaShape.Create(data.Schema)), estimator.Fit(data).GetOutputSchema(data.Schema));
    }

    [Fact]
    public void Save_and_load_round_trip_keeps_parameters_and_outputs()
    {
        var data = new InMemoryDataView([("V", new VectorDataViewType(NumberDataViewType.Single, 3), new[] { Vector(1f, -2f, 3f), Vector(5f, 0f, 3f) }, null)]);
        foreach (var estimator in new[] { _ml.Transforms.NormalizeMinMax("N", "V", fixZero: false), _ml.Transforms.NormalizeMeanVariance("N", "V", useCdf: true) })
        {
            var model = estimator.Fit(data);
            var loaded = RoundTrip(model);
            Assert.Equal(model.Parameters.GetType(), loaded.Parameters.GetType());
            Assert.Equal(ReadVectors<float>(model.Transform(data), "N"), ReadVectors<float>(loaded.Transform(data), "N"));
        }
    }
}
