using MLNet.Recurrent.Engine.Training;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>
/// Builds the ML.NET-style pipelines the tool trains, from the public catalogs only:
/// <list type="bullet">
/// <item>classification: <c>MapValueToKey(Label ← label)</c> → <c>TokenizeIntoKeys(Features ← text)</c> →
/// <c>Recurrent.SequenceClassification</c> → <c>MapKeyToValue(PredictedLabelValue ← PredictedLabel)</c>;</item>
/// <item>regression: <c>TokenizeIntoKeys(Features ← text)</c> → <c>Recurrent.SequenceRegression(label)</c>;</item>
/// <item>forecasting: <c>CreateSlidingWindows(series, W, H)</c> → <c>Recurrent.Forecasting</c> (fitted in two steps,
/// so the windows can be split chronologically; the saved model is the chain of both).</item>
/// </list>
/// </summary>
internal static class PipelineFactory
{
    /// <summary>The pipeline of a text task (classification or regression), ready to fit on raw rows.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="task">The task and its columns.</param>
    /// <param name="network">The network and budget.</param>
    /// <param name="progress">Training progress, or null.</param>
    /// <returns>The estimator chain.</returns>
    public static IEstimator<ITransformer> TextPipeline(MLContext mlContext, TaskSpec task, NetworkSettings network, IProgress<TrainingProgress>? progress)
    {
        var tokenizer = mlContext.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions
        {
            OutputColumnName = PipelineColumns.Features,
            InputColumnName = task.TextColumn,
            Unit = task.Tokens,
            LowerCase = task.LowerCase,
        });
        if (task.Kind == TaskKind.Regression)
        {
            return tokenizer.Append(mlContext.Transforms.Recurrent.SequenceRegression(network.Apply(new SequenceRegressionOptions
            {
                LabelColumnName = task.LabelColumn!,
                FeatureColumnName = PipelineColumns.Features,
                ScoreColumnName = PipelineColumns.Score,
            }, progress)));
        }

        return mlContext.Transforms.Conversion.MapValueToKey(PipelineColumns.Label, task.LabelColumn,
                keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(tokenizer)
            .Append(mlContext.Transforms.Recurrent.SequenceClassification(network.Apply(new SequenceClassificationOptions
            {
                LabelColumnName = PipelineColumns.Label,
                FeatureColumnName = PipelineColumns.Features,
                ScoreColumnName = PipelineColumns.Score,
                PredictedLabelColumnName = PipelineColumns.PredictedLabel,
            }, progress)))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(PipelineColumns.PredictedLabelValue, PipelineColumns.PredictedLabel));
    }

    /// <summary>The windowing of a forecasting task (fits without reading data).</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="task">The task: series column, W and H.</param>
    /// <returns>The estimator.</returns>
    public static IEstimator<ITransformer> Windowing(MLContext mlContext, TaskSpec task)
        => mlContext.Transforms.CreateSlidingWindows(task.SeriesColumn!, task.Window, task.Horizon);

    /// <summary>The forecaster of a forecasting task, to fit on windows.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="task">The task.</param>
    /// <param name="network">The network and budget.</param>
    /// <param name="progress">Training progress, or null.</param>
    /// <returns>The estimator.</returns>
    public static IEstimator<ITransformer> Forecaster(MLContext mlContext, TaskSpec task, NetworkSettings network, IProgress<TrainingProgress>? progress)
        => mlContext.Transforms.Recurrent.Forecasting(network.Apply(new ForecastingOptions
        {
            FeatureColumnName = PipelineColumns.Window,
            LabelColumnName = PipelineColumns.Horizon,
            ScoreColumnName = PipelineColumns.Score,
            Level = task.Level,
        }, progress));
}
