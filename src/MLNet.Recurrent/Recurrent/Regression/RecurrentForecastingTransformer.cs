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

    internal RecurrentForecastingTransformer(TransformerParts parts, RecurrentNetworkSpec spec, PooledSequenceNetwork network,
        FeatureScaling labelScaling, string scoreColumnName, int[] dimensions)
        : base(parts, spec, network, labelScaling, scoreColumnName)
    {
        _dimensions = dimensions;
    }

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
        => new BlockPredictor<float[]>(PredictTargets, (current, isActive) =>
            [isActive(0) ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> score) => VectorOutput.Write<float>(current(), ref score)) : null]);

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        SaveRegression(context, KindName);
        context.Manifest["scoreDimensions"] = JsonSerializer.SerializeToNode(_dimensions);
    }

    internal static RecurrentForecastingTransformer Load(ModelLoadContext context)
    {
        var (parts, spec, network, labelScaling, score) = LoadRegression(context);
        int[] dimensions = context.Get<int[]>("scoreDimensions");
        if (dimensions.Length == 0 || dimensions.Any(d => d < 1) || dimensions.Aggregate(1, (p, d) => p * d) != spec.OutputSize)
        {
            throw new ModelFormatException(context.Path, $"field 'scoreDimensions' must multiply to the network's {spec.OutputSize} outputs, got [{string.Join(", ", dimensions)}].");
        }

        return new RecurrentForecastingTransformer(parts, spec, network, labelScaling, score, dimensions);
    }
}
