using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Recurrent;

public class SequenceRegressionTests
{
    [Fact]
    public void Regressor_learns_the_sum_of_a_variable_length_sequence()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.Regression.Trainers.Recurrent(new SequenceRegressionOptions
        {
            Cell = RecurrentCellKind.Gru, HiddenSize = 16, NumberOfEpochs = 20, LearningRate = 0.02f, BatchSize = 16,
        }).Fit(SequenceData.Sums(seed: 1, count: 400));

        var test = model.Transform(SequenceData.Sums(seed: 2, count: 200));
        var predicted = SequenceData.Read<float>(test, "Score");
        var expected = SequenceData.Read<float>(test, "Label");
        double mse = predicted.Zip(expected).Average(p => Math.Pow(p.First - p.Second, 2));
        double variance = expected.Average(y => Math.Pow(y - expected.Average(), 2));
        Assert.True(mse < 0.02 * variance, $"MSE {mse} vs label variance {variance}");
        Assert.Equal(expected.Average(), model.LabelMean[0], 0.5);
    }

    [Fact]
    public void Forecaster_beats_the_last_value_on_a_noisy_sine()
    {
        var mlContext = new MLContext(seed: 1);
        var model = mlContext.Forecasting.Trainers.Recurrent(new ForecastingOptions
        {
            Cell = RecurrentCellKind.Gru, HiddenSize = 16, NumberOfEpochs = 15, LearningRate = 0.01f,
        }).Fit(SequenceData.SineWindows(seed: 1, count: 400));

        var test = model.Transform(SequenceData.SineWindows(seed: 2, count: 200));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), test.Schema["Score"].Type);
        var forecasts = SequenceData.Read<VBuffer<float>>(test, "Score");
        var truths = SequenceData.Read<VBuffer<float>>(test, "Horizon");
        var windows = SequenceData.Read<VBuffer<float>>(test, "Window");
        double model2 = 0, lastValue = 0;
        for (int i = 0; i < truths.Count; i++)
        {
            float last = windows[i].GetValues()[^1];
            for (int h = 0; h < 4; h++)
            {
                model2 += Math.Pow(forecasts[i].GetValues()[h] - truths[i].GetValues()[h], 2);
                lastValue += Math.Pow(last - truths[i].GetValues()[h], 2);
            }
        }

        Assert.True(model2 < 0.25 * lastValue, $"model squared error {model2}, last value {lastValue}");
        Assert.Equal(4, model.Horizon);
    }

    [Fact]
    public void Regression_and_forecasting_check_their_label_types()
    {
        var mlContext = new MLContext(1);
        var sums = SequenceData.Sums(seed: 1, count: 4);
        var windows = SequenceData.SineWindows(seed: 1, count: 4);
        var regression = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.SequenceRegression(labelColumnName: "Features").Fit(sums));
        Assert.Equal("Single", regression.Expected);
        var forecastShape = Assert.Throws<SchemaMismatchException>(() => mlContext.Transforms.Recurrent.Forecasting(labelColumnName: "Label", featureColumnName: "Features")
            .GetOutputSchema(SchemaShape.Create(sums.Schema)));
        Assert.Contains("known size", forecastShape.Expected);
        Assert.Equal("Window", mlContext.Forecasting.Trainers.Recurrent().Options.FeatureColumnName);
        Assert.Equal("Horizon", mlContext.Forecasting.Trainers.Recurrent().Options.LabelColumnName);
        var badFeatures = Assert.Throws<ArgumentException>(() => mlContext.Forecasting.Trainers.Recurrent(new ForecastingOptions { FeaturesPerStep = 3 }).Fit(windows));
        Assert.Equal("options.FeaturesPerStep", badFeatures.ParamName);
    }

    [Fact]
    public void Regression_and_forecasting_round_trip_through_save_and_load()
    {
        var mlContext = new MLContext(1);
        var sums = SequenceData.Sums(seed: 1, count: 48);
        var regressor = mlContext.Transforms.Recurrent.SequenceRegression(new SequenceRegressionOptions
        {
            HiddenSize = 6, NumberOfEpochs = 2, Attention = RecurrentAttention.Additive, Bidirectional = true, NumberOfLayers = 2, Dropout = 0.1f,
        }).Fit(sums);
        var loadedRegressor = ModelRoundTrip.SaveAndLoad<SequenceRegressionTransformer>(regressor, mlContext);
        Assert.Equal(SequenceData.Read<float>(regressor.Transform(sums), "Score"), SequenceData.Read<float>(loadedRegressor.Transform(sums), "Score"));
        Assert.Equal(regressor.LabelScale, loadedRegressor.LabelScale);

        var windows = SequenceData.SineWindows(seed: 1, count: 48);
        var forecaster = mlContext.Transforms.Recurrent.Forecasting(new ForecastingOptions { HiddenSize = 6, NumberOfEpochs = 2, Cell = RecurrentCellKind.RnnTanh }).Fit(windows);
        var loadedForecaster = ModelRoundTrip.SaveAndLoad<RecurrentForecastingTransformer>(forecaster, mlContext);
        Assert.Equal(SequenceData.Read<VBuffer<float>>(forecaster.Transform(windows), "Score").Select(v => v.ToArray()),
            SequenceData.Read<VBuffer<float>>(loadedForecaster.Transform(windows), "Score").Select(v => v.ToArray()));
        Assert.Equal([4], loadedForecaster.Dimensions);
    }
}
