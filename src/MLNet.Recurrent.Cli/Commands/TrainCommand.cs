using System.CommandLine;
using System.Globalization;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Output;
using MLNet.Recurrent.Cli.Tasks;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// <c>train</c>: loads the named columns, splits off held-out rows, fits the task's pipeline (per-epoch progress
/// unless <c>--json</c>), prints held-out metrics next to the baseline's and saves the whole pipeline to a zip.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var options = new TrainingOptions(compare: false, "The model zip to write (the whole pipeline: predict needs only raw columns)");
        var command = options.CreateCommand("train", "Train a recurrent model on a CSV/TSV file, evaluate it on held-out rows and save it");
        command.SetAction(result =>
        {
            var request = options.Read(result);
            var settings = request.Networks[0];
            string modelPath = request.ModelPath!;
            var writer = context.Out;
            if (!request.Json)
            {
                request.WriteHeader(writer);
                writer.WriteLine($"model: {settings.Describe()}");
            }

            var trained = request.Session.Train(settings, request.Json ? null : EpochProgress.Lines(writer, settings.Epochs));
            request.Session.Save(trained, modelPath);
            if (request.Json)
            {
                JsonLines.Write(writer, new
                {
                    command = "train",
                    task = TaskNames.NameOf(TaskNames.Tasks, request.Task.Kind),
                    data = request.File.Path,
                    split = request.Session.SplitDescription,
                    network = settings.ToJson(),
                    trainingRows = trained.History.TrainingRows,
                    skippedRows = trained.History.SkippedRows,
                    seconds = trained.Seconds,
                    loss = trained.History.TrainingLoss,
                    evaluation = MetricFormat.Json(trained.Report),
                    model = modelPath,
                });
            }
            else
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"trained on {trained.History.TrainingRows} {(request.Task.Kind == TaskKind.Forecasting ? "windows" : "rows")} in {trained.Seconds:F1} s" +
                    $"{(trained.History.SkippedRows > 0 ? $" ({trained.History.SkippedRows} skipped: missing label or value)" : "")}; held-out metrics:"));
                MetricFormat.WriteTable(writer, trained.Report);
                writer.WriteLine($"saved {modelPath} ({new FileInfo(modelPath).Length / 1024} KiB)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
