using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>A trained recurrent forecaster (what <see cref="RecurrentForecastingEstimator"/> fits): adds Score, the forecast, with the label's dimensions.</summary>
public sealed class RecurrentForecastingTransformer : PooledRegressionTransformer
{
    /// <summary>The kind name of this transformer in a model file.</summary>
    public const string KindName = "RecurrentForecastingTransformer";

    private readonly int[] _dimensions;
    private readonly WindowLevel? _level;

    internal RecurrentForecastingTransformer(TransformerParts parts, RecurrentNetworkSpec spec, PooledSequenceNetwork network,
        FeatureScaling labelScaling, string scoreColumnName, int[] dimensions, WindowLevel? level)
        : base(parts, spec, network, labelScaling, scoreColumnName)
    {
        _dimensions = dimensions;
        _level = level;
    }

    /// <summary>Whether forecasts are levels or changes from the window's last value (see <see cref="ForecastingOptions.Level"/>).</summary>
    public ForecastLevel Level => _level is null ? ForecastLevel.Absolute : ForecastLevel.RelativeToLastValue;

    /// <summary>The number of values forecast per row (the label vector's size).</summary>
    public int Horizon => Spec.OutputSize;

    /// <summary>The forecast's dimensions (the label's, e.g. [horizon]).</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        CheckFeatures(nameof(inputSchema), inputSchema);
        return [new(ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, _dimensions))];
    }

    internal override BlockPredictor CreateBlockPredictor()
        => new BlockPredictor<float[]>(Forecast, (current, isActive) =>
            [isActive(0) ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> score) => VectorOutput.Write<float>(current(), ref score)) : null]);

    private float[][] Forecast(IReadOnlyList<FeatureSequence> rows)
    {
        if (_level is null)
        {
            return PredictTargets(rows);
        }

        float[] levels = [.. rows.Select(_level.Of)];
        float[][] forecasts = PredictTargets([.. rows.Select((row, n) => _level.Remove(row, levels[n]))]);
        for (int n = 0; n < forecasts.Length; n++)
        {
            WindowLevel.Shift(forecasts[n], levels[n]);
        }

        return forecasts;
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        SaveRegression(context, KindName);
        context.Manifest["scoreDimensions"] = JsonSerializer.SerializeToNode(_dimensions);
        if (_level is not null)
        {
            context.Manifest["levelFeatureIndex"] = _level.FeatureIndex;
        }
    }

    internal static RecurrentForecastingTransformer Load(ModelLoadContext context)
    {
        var (parts, spec, network, labelScaling, score) = LoadRegression(context);
        int[] dimensions = context.Get<int[]>("scoreDimensions");
        if (dimensions.Length == 0 || dimensions.Any(d => d < 1) || dimensions.Aggregate(1, (p, d) => p * d) != spec.OutputSize)
        {
            throw new ModelFormatException(context.Path, $"field 'scoreDimensions' must multiply to the network's {spec.OutputSize} outputs, got [{string.Join(", ", dimensions)}].");
        }

        int? levelIndex = context.GetOrDefault<int?>("levelFeatureIndex", null);
        if (levelIndex is { } index && (parts.Input.IsTokens || (uint)index >= (uint)parts.Input.FeaturesPerStep))
        {
            throw new ModelFormatException(context.Path, $"field 'levelFeatureIndex' must be a feature of the Single window (0 … {parts.Input.FeaturesPerStep - 1}), got {index}.");
        }

        return new RecurrentForecastingTransformer(parts, spec, network, labelScaling, score, dimensions,
            levelIndex is { } i ? new WindowLevel(i, parts.Input.FeaturesPerStep) : null);
    }
}
