using Forecasting;

namespace MLNet.Recurrent.Tests.Samples;

/// <summary>The forecasting sample on both real series with a reduced budget: the LSTM must beat the naive last-value forecast.</summary>
public sealed class ForecastingSampleTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "data");

    [Fact]
    public void Sunspots_forecast_beats_the_last_value()
    {
        var result = SeriesExperiment.Run(SeriesSettings.Sunspots with { Epochs = 30 }, DataDirectory);
        Assert.Equal("LSTM", result.Scores[0].Forecaster);
        Assert.True(result.Scores[0].MeanAbsoluteError < 0.8 * result.Scores[1].MeanAbsoluteError,
            $"LSTM MAE {result.Scores[0].MeanAbsoluteError:F2} vs naive {result.Scores[1].MeanAbsoluteError:F2}");
    }

    [Fact]
    public void Co2_forecast_relative_to_the_last_value_beats_naive_and_seasonal_naive()
    {
        var result = SeriesExperiment.Run(SeriesSettings.Co2 with { Epochs = 4, WindowSize = 60 }, DataDirectory);
        Assert.Equal(3, result.Scores.Count);
        Assert.True(result.Scores[0].MeanAbsoluteError < 0.6 * result.Scores[1].MeanAbsoluteError,
            $"LSTM MAE {result.Scores[0].MeanAbsoluteError:F3} vs naive {result.Scores[1].MeanAbsoluteError:F3}");
        Assert.True(result.Scores[0].MeanAbsoluteError < result.Scores[2].MeanAbsoluteError);
    }
}
