using System.CommandLine;
using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Prediction;
using MLNet.Recurrent.Cli.Tasks;

namespace MLNet.Recurrent.Cli.Commands;

/// <summary>
/// <c>predict</c>: applies a saved model to the text column of a file or to texts on the command line (one line per
/// row), or forecasts every window of a series file including the H values after its end (one line per window).
/// </summary>
internal static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var data = new DataOptions(required: false);
        var output = new OutputOptions(modelRequired: true, "The model zip written by train");
        var texts = new Option<string[]>("--text")
        {
            Description = "Texts to classify or score, instead of --data",
            HelpName = "TEXT...",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("predict", "Predict with a saved model, one line (or JSON object) per row");
        output.AddTo(command);
        data.AddTo(command);
        command.Options.Add(texts);
        command.Validators.Add(result =>
        {
            bool hasData = result.GetResult(data.Data) is not null, hasTexts = result.GetResult(texts) is not null;
            if (hasData == hasTexts)
            {
                result.AddError($"--data or --text: expected one of them, got {(hasData ? "both" : "neither")}.");
            }
        });
        command.SetAction(result =>
        {
            var mlContext = new MLContext(seed: 0);
            var model = ModelFile.Load(mlContext, result.GetRequiredValue(output.Model));
            var input = data.IsGiven(result)
                ? PredictionInput.FromFile(mlContext, model, data.Open(result))
                : PredictionInput.FromTexts(mlContext, model, result.GetRequiredValue(texts));
            bool json = result.GetValue(output.Json);
            foreach (var row in PredictionReader.Read(model, model.Predictor.Transform(input)))
            {
                PredictionFormat.Write(context.Out, model, row, json);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
