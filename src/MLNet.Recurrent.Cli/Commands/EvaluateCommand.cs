using System.CommandLine;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Output;
using MLNet.Recurrent.Cli.Scoring;
using MLNet.Recurrent.Cli.Tasks;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// <c>evaluate</c>: applies a saved model to every row of a file (forecasting: every window) and prints its metrics
/// next to the baseline's. The task and the columns come from the model itself.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var data = new DataOptions(required: true);
        var output = new OutputOptions(modelRequired: true, "The model zip written by train");
        var command = new Command("evaluate", "Evaluate a saved model on a CSV/TSV file with the columns it was trained on");
        output.AddTo(command);
        data.AddTo(command);
        command.SetAction(result =>
        {
            var mlContext = new MLContext(seed: 0);
            string modelPath = result.GetRequiredValue(output.Model);
            var model = ModelFile.Load(mlContext, modelPath);
            var file = data.Open(result);
            var scored = model.Model.Transform(file.Load(mlContext, model.EvaluationColumns()));
            var evaluation = TaskScorer.Score(mlContext, model, scored);
            if (result.GetValue(output.Json))
            {
                JsonLines.Write(context.Out, new
                {
                    command = "evaluate",
                    task = TaskNames.NameOf(TaskNames.Tasks, model.Kind),
                    model = modelPath,
                    data = file.Path,
                    evaluation = MetricFormat.Json(evaluation),
                });
            }
            else
            {
                context.Out.WriteLine($"model: {model.Describe()}");
                context.Out.WriteLine($"data: {file.Describe()}");
                MetricFormat.WriteTable(context.Out, evaluation);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
