using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.Evaluation;

public class RegressionEvaluationTests
{
    private static readonly MLContext Context = new(seed: 1);

    private static InMemoryDataView Data(float[] labels, float[] scores)
        => EvaluationData.View(("Label", NumberDataViewType.Single, labels), ("Score", NumberDataViewType.Single, scores));

    [Fact]
    public void Metrics_of_a_small_case_by_hand()
    {
        var metrics = Context.Regression.Evaluate(Data([1, 2, 3, 4], [1, 3, 2, 4]));
        Assert.Equal(0.5, metrics.MeanAbsoluteError);
        Assert.Equal(0.5, metrics.MeanSquaredError);
        Assert.Equal(Math.Sqrt(0.5), metrics.RootMeanSquaredError);
        Assert.Equal(metrics.MeanSquaredError, metrics.LossFunction);
        Assert.Equal(1 - (2 / 5.0), metrics.RSquared, 15);
    }

    [Fact]
    public void Constant_labels_make_r_squared_not_finite_as_in_MLNet()
    {
        Assert.Equal(double.NegativeInfinity, Context.Regression.Evaluate(Data([3, 3, 3], [3, 4, 3])).RSquared);
        Assert.True(double.IsNaN(Context.Regression.Evaluate(Data([3, 3], [3, 3])).RSquared));
    }

    [Fact]
    public void Rows_with_NaN_are_skipped_and_an_empty_view_is_an_error()
    {
        var metrics = Context.Regression.Evaluate(Data([1, float.NaN, 2, 5], [2, 0, float.NaN, 4]));
        Assert.Equal(1.0, metrics.MeanAbsoluteError);

        var error = Assert.Throws<ArgumentException>(() => Context.Regression.Evaluate(Data([], [])));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("got none (0 skipped for a NaN label or score)", error.Message);
    }

    [Fact]
    public void Schema_errors_name_the_column_and_the_expected_type()
    {
        var doubles = EvaluationData.View(("Label", NumberDataViewType.Single, new[] { 1f }), ("Prediction", NumberDataViewType.Double, new[] { 1.0 }));
        var error = Assert.Throws<SchemaMismatchException>(() => Context.Regression.Evaluate(doubles, scoreColumnName: "Prediction"));
        Assert.Equal(("Prediction", "Single", "Double"), (error.ColumnName, error.Expected, error.Actual));
        Assert.Contains("column 'Prediction' expected Single, found Double", error.Message);
        Assert.Throws<ArgumentNullException>(() => Context.Regression.Evaluate(null!));
    }
}
