using System.CommandLine;
using System.Globalization;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Output;
using MLNet.Recurrent.Cli.Scoring;
using MLNet.Recurrent.Cli.Training;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// <c>compare</c>: trains every (cell, attention) combination on the same split with the same budget and prints a
/// leaderboard by the task's main metric (accuracy, RMSE or MAE) with the baseline and each model's training time;
/// optionally saves the best model.
/// </summary>
internal static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var options = new TrainingOptions(compare: true, "Where to save the best model (optional)");
        var command = options.CreateCommand("compare", "Train several recurrent models on the same split and rank them");
        command.SetAction(result =>
        {
            var request = options.Read(result);
            if (!request.Json)
            {
                request.WriteHeader(context.Out);
                context.Out.WriteLine($"models: {string.Join(", ", request.Networks.Select(n => n.Name))}; each {request.Networks[0].DescribeShared()}");
            }

            var results = new List<TrainedModel>();
            foreach (var candidate in request.Networks)
            {
                var trained = request.Session.Train(candidate, progress: null);
                results.Add(trained);
                if (!request.Json)
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {candidate.Name,-18} {MainMetric.Of(request.Task.Kind)} {MetricFormat.Value(trained.Report.Main)}  ({trained.Seconds:F1} s)"));
                }
            }

            var ranked = Leaderboard.Rank(results);
            if (request.ModelPath is not null)
            {
                request.Session.Save(ranked[0], request.ModelPath);
            }

            if (request.Json)
            {
                Leaderboard.WriteJson(context.Out, ranked, request.ModelPath);
            }
            else
            {
                Leaderboard.WriteTable(context.Out, ranked, request.ModelPath);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
