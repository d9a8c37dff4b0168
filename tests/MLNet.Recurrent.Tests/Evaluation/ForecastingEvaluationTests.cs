using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.Evaluation;

public class ForecastingEvaluationTests
{
    private static readonly MLContext Context = new(seed: 1);

    private static InMemoryDataView Windows(float[][] actual, float[][] forecast, float[] last) => EvaluationData.View(
        ("Label", new VectorDataViewType(NumberDataViewType.Single), EvaluationData.Vectors(actual)),
        ("Score", new VectorDataViewType(NumberDataViewType.Single), EvaluationData.Vectors(forecast)),
        ("Last", NumberDataViewType.Single, last));

    [Fact]
    public void Per_horizon_and_overall_errors_by_hand()
    {
        // Step 1 errors: 1, 1; step 2 errors: 2 and a skipped NaN; naive (last value 0): |2| + |4| + |1| = 7.
        var data = Windows([[2, 4], [1, float.NaN]], [[1, 2], [2, 5]], [0, 0]);
        var metrics = Context.Forecasting.Evaluate(data, lastObservedColumnName: "Last");
        Assert.Equal([1.0, 2.0], metrics.PerHorizonMeanAbsoluteError);
        Assert.Equal([1.0, 2.0], metrics.PerHorizonRootMeanSquaredError);
        Assert.Equal(4 / 3.0, metrics.MeanAbsoluteError, 15);
        Assert.Equal(Math.Sqrt(6 / 3.0), metrics.RootMeanSquaredError, 15);
        Assert.Equal(100 * ((2.0 / 3) + (4.0 / 6) + (2.0 / 3)) / 3, metrics.SymmetricMeanAbsolutePercentageError, 12);
        Assert.Equal(4 / 7.0, metrics.RelativeMeanAbsoluteError!.Value, 15);
        Assert.Null(Context.Forecasting.Evaluate(data).RelativeMeanAbsoluteError);
    }

    [Fact]
    public void Forecast_and_actual_of_different_length_is_an_error_naming_the_row()
    {
        var error = Assert.Throws<ArgumentException>(() => Context.Forecasting.Evaluate(Windows([[1, 2], [1, 2]], [[1, 2], [1]], [0, 0])));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("row 1: column 'Score' expected 2 steps like 'Label', got 1", error.Message);

        var scalar = EvaluationData.View(("Label", NumberDataViewType.Single, new[] { 1f }), ("Score", NumberDataViewType.Single, new[] { 1f }));
        var schema = Assert.Throws<SchemaMismatchException>(() => Context.Forecasting.Evaluate(scalar));
        Assert.Equal(("Label", "Vector<Single>", "Single"), (schema.ColumnName, schema.Expected, schema.Actual));
    }
}
