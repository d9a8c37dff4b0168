using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Tests.Recurrent;

/// <summary>
/// <see cref="ForecastLevel.RelativeToLastValue"/>: a trending series forecast beyond the range of its training
/// values, where a level-predicting network cannot follow.
/// </summary>
public class ForecastLevelTests
{
    private static double MeanAbsoluteError(IDataView scored, Func<float[], float[], int, float>? forecast = null)
    {
        var scores = SequenceData.Read<VBuffer<float>>(scored, "Score");
        var truths = SequenceData.Read<VBuffer<float>>(scored, "Horizon");
        var windows = SequenceData.Read<VBuffer<float>>(scored, "Window");
        double sum = 0;
        int n = 0;
        for (int i = 0; i < truths.Count; i++)
        {
            for (int h = 0; h < truths[i].Length; h++, n++)
            {
                float predicted = forecast is null ? scores[i].GetValues()[h] : forecast(windows[i].ToArray(), scores[i].ToArray(), h);
                sum += Math.Abs(predicted - truths[i].GetValues()[h]);
            }
        }

        return sum / n;
    }

    private static RecurrentForecastingTransformer Fit(MLContext mlContext, ForecastLevel level)
        => mlContext.Forecasting.Trainers.Recurrent(new ForecastingOptions
        {
            Cell = RecurrentCellKind.Gru, HiddenSize = 16, NumberOfEpochs = 20, LearningRate = 0.01f, Level = level,
        }).Fit(SequenceData.SineWindows(seed: 1, count: 400, trend: 0.05f, start: 0));

    [Fact]
    public void Relative_forecasts_follow_a_trend_beyond_the_training_range_where_absolute_ones_cannot()
    {
        var mlContext = new MLContext(seed: 1);
        var test = SequenceData.SineWindows(seed: 2, count: 150, trend: 0.05f, start: 600);
        double relative = MeanAbsoluteError(Fit(mlContext, ForecastLevel.RelativeToLastValue).Transform(test));
        double absolute = MeanAbsoluteError(Fit(mlContext, ForecastLevel.Absolute).Transform(test));
        double lastValue = MeanAbsoluteError(Fit(mlContext, ForecastLevel.Absolute).Transform(test), (window, _, _) => window[^1]);

        Assert.True(relative < 0.5 * lastValue, $"relative MAE {relative:F3}, last value {lastValue:F3}, absolute {absolute:F3}");
        Assert.True(absolute > 3 * relative, $"absolute MAE {absolute:F3}, relative {relative:F3}");
    }

    [Fact]
    public void Relative_level_survives_save_and_load_and_checks_its_feature_index()
    {
        var mlContext = new MLContext(seed: 3);
        var windows = SequenceData.SineWindows(seed: 3, count: 40, trend: 0.05f);
        var model = mlContext.Forecasting.Trainers.Recurrent(new ForecastingOptions
        {
            HiddenSize = 4, NumberOfEpochs = 1, Level = ForecastLevel.RelativeToLastValue,
        }).Fit(windows);
        var loaded = ModelRoundTrip.SaveAndLoad<RecurrentForecastingTransformer>(model, mlContext);

        Assert.Equal(ForecastLevel.RelativeToLastValue, loaded.Level);
        Assert.Equal(SequenceData.Read<VBuffer<float>>(model.Transform(windows), "Score").Select(v => v.ToArray()),
            SequenceData.Read<VBuffer<float>>(loaded.Transform(windows), "Score").Select(v => v.ToArray()));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Forecasting.Trainers.Recurrent(new ForecastingOptions
        {
            NumberOfEpochs = 1, Level = ForecastLevel.RelativeToLastValue, LevelFeatureIndex = 1,
        }).Fit(windows));
        Assert.Equal("options.LevelFeatureIndex", error.ParamName);
        Assert.Contains("0 … 0", error.Message);
    }
}
