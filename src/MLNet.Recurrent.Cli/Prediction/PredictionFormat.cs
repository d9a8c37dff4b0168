using System.Globalization;
using MLNet.Recurrent.Cli.Output;
using MLNet.Recurrent.Cli.Tasks;

namespace MLNet.Recurrent.Cli.Prediction;

/// <summary>
/// How <c>predict</c> prints a prediction: a tab-separated line (text, predicted class, classes by falling probability;
/// text and number; first forecast row and the forecast), or with <c>--json</c> one JSON object per line.
/// </summary>
internal static class PredictionFormat
{
    /// <summary>Writes one prediction.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="model">The model's description (class names).</param>
    /// <param name="row">The prediction.</param>
    /// <param name="json">JSON instead of text.</param>
    public static void Write(TextWriter output, ModelDescription model, PredictionRow row, bool json)
    {
        if (json)
        {
            JsonLines.Write(output, model.Kind switch
            {
                TaskKind.Classification => new
                {
                    row = row.Row,
                    text = row.Text,
                    predictedLabel = row.PredictedLabel,
                    probabilities = model.ClassNames.Zip(row.Probabilities!).ToDictionary(pair => pair.First, pair => pair.Second),
                },
                TaskKind.Regression => (object)new { row = row.Row, text = row.Text, score = row.Score },
                _ => new { row = row.Row, forecast = row.Forecast },
            });
            return;
        }

        output.WriteLine(model.Kind switch
        {
            TaskKind.Classification => $"{row.Text}\t{row.PredictedLabel}\t" + string.Join(" ", model.ClassNames.Zip(row.Probabilities!)
                .OrderByDescending(pair => pair.Second).Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.First}:{pair.Second:F4}"))),
            TaskKind.Regression => string.Create(CultureInfo.InvariantCulture, $"{row.Text}\t{row.Score:G6}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{row.Row}\t") + string.Join(" ", row.Forecast!.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))),
        });
    }
}
