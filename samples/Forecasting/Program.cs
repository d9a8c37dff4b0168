// Forecasting — multi-step forecasts of two real series (yearly sunspots 1700-2008 and weekly Mauna Loa CO2
// 1958-2001, from Debian's python3-statsmodels) with an LSTM forecaster built from the ML.NET-style pipeline, scored
// on the most recent windows next to the naive last-value forecast (and the seasonal-naive one for CO2).
//
// Usage: dotnet run -c Release --project samples/Forecasting -- [--series sunspots|co2|all] [--seed N] [--epochs N] [--json]
using System.Globalization;
using System.Text.Json;
using Forecasting;
using MLNet.Recurrent.Engine.Training;

string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
string which = "all";
int seed = 1;
int? epochs = null;
bool json = false;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: expected a value after it.");
    switch (args[i])
    {
        case "--series": which = Next(); break;
        case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--epochs": epochs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--json": json = true; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; expected --series sunspots|co2|all, --seed N, --epochs N, --json");
            return 2;
    }
}

SeriesSettings[] runs = which switch
{
    "sunspots" => [SeriesSettings.Sunspots],
    "co2" => [SeriesSettings.Co2],
    "all" => [SeriesSettings.Sunspots, SeriesSettings.Co2],
    _ => throw new ArgumentException($"--series: expected sunspots, co2 or all, got '{which}'."),
};

var results = new List<SeriesResult>();
foreach (var run in runs)
{
    var settings = run with { Seed = seed, Epochs = epochs ?? run.Epochs };
    IProgress<TrainingProgress>? progress = json ? null : new Progress<TrainingProgress>(p =>
    {
        if (p.IsEpochEnd && (p.Epoch % 5 == 0 || p.Epoch == 1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{settings.Name}] epoch {p.Epoch,3}  loss {p.Loss:F4}"));
        }
    });
    var result = SeriesExperiment.Run(settings, dataDirectory, progress);
    results.Add(result);
    if (!json)
    {
        Console.WriteLine($"{result.Series}: window {settings.WindowSize}, horizon {settings.Horizon}; {result.TrainingWindows} training and " +
                          $"{result.TestWindows} most recent held-out windows; LSTM H={settings.HiddenSize}, {settings.Epochs} epochs, {result.Seconds:F0} s");
        foreach (var score in result.Scores)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {score.Forecaster,-22} MAE {score.MeanAbsoluteError,8:F3}  RMSE {score.RootMeanSquaredError,8:F3}  sMAPE {score.SymmetricMape,6:F2} %"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  LSTM MAE / naive MAE = {result.Scores[0].MeanAbsoluteError / result.Scores[1].MeanAbsoluteError:F3}"));
    }
}

if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(new { seed, results }));
}

return 0;
