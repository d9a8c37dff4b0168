using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Cli.Prediction;

/// <summary>Reads the predictions out of a transformed view, row by row (streaming: one cursor, buffers reused).</summary>
internal static class PredictionReader
{
    /// <summary>The predictions of <paramref name="scored"/>.</summary>
    /// <param name="model">The model's description.</param>
    /// <param name="scored">The output of <see cref="ModelDescription.Predictor"/>.</param>
    /// <returns>One prediction per row (forecasting: per window).</returns>
    public static IEnumerable<PredictionRow> Read(ModelDescription model, IDataView scored) => model.Kind switch
    {
        TaskKind.Classification => Classifications(model, scored),
        TaskKind.Regression => Regressions(model, scored),
        _ => Forecasts(model, scored),
    };

    private static IEnumerable<PredictionRow> Classifications(ModelDescription model, IDataView scored)
    {
        var text = scored.Schema[model.TextColumn!];
        var score = scored.Schema[PipelineColumns.Score];
        var predictedLabel = scored.Schema[PipelineColumns.PredictedLabel];
        using var cursor = scored.GetRowCursor([text, score, predictedLabel]);
        var getText = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var getProbabilities = cursor.GetGetter<VBuffer<float>>(score);
        var getKey = cursor.GetGetter<uint>(predictedLabel);
        ReadOnlyMemory<char> value = default;
        VBuffer<float> probabilities = default;
        uint key = 0;
        while (cursor.MoveNext())
        {
            getText(ref value);
            getProbabilities(ref probabilities);
            getKey(ref key);
            yield return new PredictionRow(cursor.Position, value.ToString(), key == 0 ? null : model.ClassNames[(int)key - 1],
                probabilities.DenseValues().ToArray(), null, null);
        }
    }

    private static IEnumerable<PredictionRow> Regressions(ModelDescription model, IDataView scored)
    {
        var text = scored.Schema[model.TextColumn!];
        var score = scored.Schema[PipelineColumns.Score];
        using var cursor = scored.GetRowCursor([text, score]);
        var getText = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var getScore = cursor.GetGetter<float>(score);
        ReadOnlyMemory<char> value = default;
        float number = 0;
        while (cursor.MoveNext())
        {
            getText(ref value);
            getScore(ref number);
            yield return new PredictionRow(cursor.Position, value.ToString(), null, null, number, null);
        }
    }

    private static IEnumerable<PredictionRow> Forecasts(ModelDescription model, IDataView scored)
    {
        var score = scored.Schema[PipelineColumns.Score];
        using var cursor = scored.GetRowCursor([score]);
        var getForecast = cursor.GetGetter<VBuffer<float>>(score);
        VBuffer<float> forecast = default;
        int stride = model.Windowing!.Stride, window = model.Windowing.WindowSize;
        while (cursor.MoveNext())
        {
            getForecast(ref forecast);
            yield return new PredictionRow(cursor.Position * stride + window, null, null, null, null, forecast.DenseValues().ToArray());
        }
    }
}
