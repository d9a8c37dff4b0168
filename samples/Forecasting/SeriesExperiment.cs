using System.Diagnostics;
using MLNet.Recurrent;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Training;
using MLNet.Recurrent.Transforms;

namespace Forecasting;

/// <summary>One series and how it is forecast.</summary>
/// <param name="Name">"sunspots" or "co2".</param>
/// <param name="WindowSize">W, past values per example.</param>
/// <param name="Horizon">H, future values forecast at once.</param>
/// <param name="SeasonLength">Period for the seasonal-naive baseline (0: none).</param>
/// <param name="HiddenSize">LSTM units.</param>
/// <param name="Epochs">Passes over the training windows.</param>
/// <param name="BatchSize">Windows per mini-batch.</param>
/// <param name="LearningRate">Adam's learning rate (cosine-decayed).</param>
/// <param name="Seed">Seeds initialisation and shuffling.</param>
/// <param name="Level">Whether the LSTM predicts levels or changes from the window's last value.</param>
/// <param name="TestFraction">The most recent share of windows held out.</param>
public sealed record SeriesSettings(string Name, int WindowSize, int Horizon, int SeasonLength, int HiddenSize, int Epochs,
    int BatchSize, float LearningRate, int Seed = 1, ForecastLevel Level = ForecastLevel.RelativeToLastValue, double TestFraction = 0.2)
{
    /// <summary>Yearly sunspots: 24 years predict the next 4.</summary>
    public static SeriesSettings Sunspots { get; } = new("sunspots", 24, 4, 0, 64, 80, 16, 3e-3f);

    /// <summary>Weekly CO2: two years predict the next quarter (13 weeks).</summary>
    public static SeriesSettings Co2 { get; } = new("co2", 104, 13, 52, 64, 25, 32, 3e-3f);
}

/// <summary>Error of one forecaster on the held-out windows.</summary>
/// <param name="Forecaster">Its name.</param>
/// <param name="MeanAbsoluteError">MAE over every (window, step).</param>
/// <param name="RootMeanSquaredError">RMSE over every (window, step).</param>
/// <param name="SymmetricMape">sMAPE in percent.</param>
public sealed record ForecastScore(string Forecaster, double MeanAbsoluteError, double RootMeanSquaredError, double SymmetricMape);

/// <summary>The result on one series.</summary>
/// <param name="Series">The series.</param>
/// <param name="TrainingWindows">Windows trained on.</param>
/// <param name="TestWindows">Held-out windows (the most recent, after a gap of H − 1 so no target is shared).</param>
/// <param name="Scores">The model first, then the baselines.</param>
/// <param name="Seconds">Wall time of Fit.</param>
public sealed record SeriesResult(string Series, int TrainingWindows, int TestWindows, IReadOnlyList<ForecastScore> Scores, double Seconds);

/// <summary>
/// Multi-step forecasting of a real series with the ML.NET-style pipeline: the series is cut into (window, horizon)
/// examples, the oldest 80 % train an LSTM forecaster, the most recent windows are forecast and scored next to the
/// naive forecast (repeat the last value) and, for seasonal series, the seasonal-naive forecast.
/// </summary>
public static class SeriesExperiment
{
    /// <summary>Runs one series.</summary>
    /// <param name="settings">The series and its settings.</param>
    /// <param name="dataDirectory">Where sunspots.csv and co2-weekly.csv are.</param>
    /// <param name="progress">Optional training progress.</param>
    /// <returns>The scores.</returns>
    public static SeriesResult Run(SeriesSettings settings, string dataDirectory, IProgress<TrainingProgress>? progress = null)
    {
        var mlContext = new MLContext(settings.Seed);
        IDataView series = settings.Name == "sunspots"
            ? mlContext.Data.LoadFromTextFile<SunspotRow>(Path.Combine(dataDirectory, "sunspots.csv"), separatorChar: ',', hasHeader: true)
            : mlContext.Data.LoadFromTextFile<Co2Row>(Path.Combine(dataDirectory, "co2-weekly.csv"), separatorChar: ',', hasHeader: true);

        var windowing = mlContext.Transforms.CreateSlidingWindows("Value", settings.WindowSize, settings.Horizon).Fit(series);
        IDataView windows = mlContext.Data.Cache(windowing.Transform(series));
        int count = (int)mlContext.Data.CreateEnumerable<ForecastRow>(windows, reuseRowObject: true).LongCount();
        int trainCount = (int)Math.Round(count * (1 - settings.TestFraction));
        IDataView train = mlContext.Data.TakeRows(windows, trainCount);
        IDataView test = mlContext.Data.SkipRows(windows, trainCount + settings.Horizon - 1);

        var stopwatch = Stopwatch.StartNew();
        var model = mlContext.Transforms.Recurrent.Forecasting(new ForecastingOptions
        {
            Cell = RecurrentCellKind.Lstm,
            HiddenSize = settings.HiddenSize,
            NumberOfEpochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            Level = settings.Level,
            Progress = progress,
        }).Fit(train);
        double seconds = stopwatch.Elapsed.TotalSeconds;

        var scores = new List<ForecastScore> { Score(mlContext, "LSTM", model.Transform(test)) };
        var examples = mlContext.Data.CreateEnumerable<ForecastRow>(test, reuseRowObject: false).ToList();
        scores.Add(Score(mlContext, "naive (last value)", Baseline(mlContext, examples, (window, _) => window[^1])));
        if (settings.SeasonLength > 0)
        {
            int w = settings.WindowSize, season = settings.SeasonLength;
            scores.Add(Score(mlContext, $"seasonal naive ({season})", Baseline(mlContext, examples, (window, step) => window[w - season + step])));
        }

        return new SeriesResult(settings.Name, trainCount, examples.Count, scores, seconds);
    }

    private static ForecastScore Score(MLContext mlContext, string name, IDataView scored)
    {
        var metrics = mlContext.Forecasting.Evaluate(scored, labelColumnName: "Horizon", scoreColumnName: "Score");
        return new ForecastScore(name, metrics.MeanAbsoluteError, metrics.RootMeanSquaredError, metrics.SymmetricMeanAbsolutePercentageError);
    }

    private static IDataView Baseline(MLContext mlContext, List<ForecastRow> examples, Func<float[], int, float> forecast)
        => mlContext.Data.LoadFromEnumerable(examples.Select(example => new NaiveForecastRow
        {
            Horizon = example.Horizon,
            Score = Enumerable.Range(0, example.Horizon.Length).Select(step => forecast(example.Window, step)).ToArray(),
        }));
}
