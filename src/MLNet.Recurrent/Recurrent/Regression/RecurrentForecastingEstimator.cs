using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Trains a recurrent forecaster: from a window of past values it predicts the next horizon values. Created by
/// <c>mlContext.Transforms.Recurrent.Forecasting</c> or <c>mlContext.Forecasting.Trainers.Recurrent</c>; designed for
/// the columns the windowing transform writes.
/// </summary>
/// <remarks>
/// <para><b>Input columns.</b> Features (default "Window"): Vector&lt;Single&gt; with dimensions [windowSize, features]
/// (one step per row of the window; a one-dimensional vector is one feature per step unless
/// <see cref="RecurrentOptions.FeaturesPerStep"/> says otherwise). Label (default "Horizon"): Vector&lt;Single&gt; of a
/// known size, the values to predict (e.g. [horizon]).</para>
/// <para><b>Output column.</b> Score: Vector&lt;Single&gt; with the label's dimensions, the forecast.</para>
/// <para><b>Training.</b> As <see cref="SequenceRegressionEstimator"/>, with one standardised target per horizon step:
/// mean squared error over all of them. With <see cref="ForecastingOptions.Level"/> =
/// <see cref="ForecastLevel.RelativeToLastValue"/> windows and targets are first taken relative to the window's last value.</para>
/// </remarks>
public sealed class RecurrentForecastingEstimator : RecurrentEstimator<RecurrentForecastingTransformer, ForecastingOptions>
{
    private const string ExpectedLabel = "Vector<Single> of known size (the horizon)";

    internal RecurrentForecastingEstimator(MLContext context, ForecastingOptions options)
        : base(context, options)
    {
    }

    private protected override IEnumerable<SchemaShape.Column> GetOutputColumns(SchemaShape inputSchema)
    {
        SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Options.LabelColumnName, ExpectedLabel,
            c => c.Kind == SchemaShape.Column.VectorKind.Vector && c.ItemType.Equals(NumberDataViewType.Single));
        return [new(Options.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false)];
    }

    private protected override RecurrentForecastingTransformer FitCore(IDataView input)
    {
        var label = SchemaMismatchException.Check(nameof(input), input.Schema, Options.LabelColumnName, ExpectedLabel,
            t => t is VectorDataViewType { IsKnownSize: true } v && v.ItemType.Equals(NumberDataViewType.Single));
        WindowLevel? level = null;
        var (parts, spec, network, labelScaling) = PooledRegression.Fit(Options, Seed, input, label,
            Options.Level == ForecastLevel.RelativeToLastValue ? layout => level = CreateLevel(layout) : null);
        return new RecurrentForecastingTransformer(parts, spec, network, labelScaling, Options.ScoreColumnName,
            [.. ((VectorDataViewType)label.Type).Dimensions], level);
    }

    private WindowLevel CreateLevel(SequenceInput layout)
    {
        if (layout.IsTokens)
        {
            throw new ArgumentException(
                $"options.Level: {ForecastLevel.RelativeToLastValue} needs a window of Single values, but column '{Options.FeatureColumnName}' holds keys.",
                "options.Level");
        }

        if ((uint)Options.LevelFeatureIndex >= (uint)layout.FeaturesPerStep)
        {
            throw new ArgumentOutOfRangeException("options.LevelFeatureIndex", Options.LevelFeatureIndex,
                $"options.LevelFeatureIndex: expected 0 … {layout.FeaturesPerStep - 1} (the window has {layout.FeaturesPerStep} feature(s) per step), got {Options.LevelFeatureIndex}.");
        }

        return new WindowLevel(Options.LevelFeatureIndex, layout.FeaturesPerStep);
    }
}
