using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Input;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Prediction;

/// <summary>
/// The raw rows a saved model predicts from: the text column of a file, texts given on the command line, or a series
/// from a file extended by H missing values so the last window ends at the series' last value and its forecast
/// covers the H steps after the data.
/// </summary>
internal static class PredictionInput
{
    /// <summary>The file's text column (classification, regression) or its series padded for the future window (forecasting).</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="model">The model's description.</param>
    /// <param name="file">The data file.</param>
    /// <returns>The rows to transform. Forecasting reads the series into memory (the padding needs its length).</returns>
    /// <exception cref="CliDataException">The column is not in the file.</exception>
    public static IDataView FromFile(MLContext mlContext, ModelDescription model, DelimitedFile file)
    {
        var rows = file.Load(mlContext, model.PredictionColumns());
        if (model.Kind != TaskKind.Forecasting)
        {
            return rows;
        }

        var windowing = model.Windowing!;
        var series = new List<float>();
        var column = rows.Schema[windowing.TargetColumnName];
        using (var cursor = rows.GetRowCursor([column]))
        {
            var getValue = cursor.GetGetter<float>(column);
            float value = 0;
            while (cursor.MoveNext())
            {
                getValue(ref value);
                series.Add(value);
            }
        }

        if (series.Count < windowing.WindowSize)
        {
            throw new CliDataException($"--data: expected at least W = {windowing.WindowSize} values of '{windowing.TargetColumnName}' to forecast from, got {series.Count}.");
        }

        var definition = SchemaDefinition.Create(typeof(SeriesValue));
        definition[nameof(SeriesValue.Value)].ColumnName = windowing.TargetColumnName;
        return mlContext.Data.LoadFromEnumerable(series.Concat(Enumerable.Repeat(float.NaN, windowing.Horizon)).Select(v => new SeriesValue { Value = v }), definition);
    }

    /// <summary>Texts given on the command line, as rows of the model's text column.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="model">The model's description (a text task).</param>
    /// <param name="texts">The texts.</param>
    /// <returns>One row per text.</returns>
    /// <exception cref="CliUsageException">The model forecasts a series.</exception>
    public static IDataView FromTexts(MLContext mlContext, ModelDescription model, IReadOnlyList<string> texts)
    {
        if (model.Kind == TaskKind.Forecasting)
        {
            throw new CliUsageException("--text: expected a classification or regression model, got a forecaster; give the series with --data.");
        }

        var definition = SchemaDefinition.Create(typeof(TextValue));
        definition[nameof(TextValue.Text)].ColumnName = model.TextColumn!;
        return mlContext.Data.LoadFromEnumerable(texts.Select(text => new TextValue { Text = text }), definition);
    }

    /// <summary>One value of a series.</summary>
    private sealed class SeriesValue
    {
        public float Value { get; set; }
    }

    /// <summary>One text.</summary>
    private sealed class TextValue
    {
        public string Text { get; set; } = "";
    }
}
