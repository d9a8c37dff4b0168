using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>A trained recurrent sequence regressor (what <see cref="SequenceRegressionEstimator"/> fits): adds Score (Single).</summary>
public sealed class SequenceRegressionTransformer : PooledRegressionTransformer
{
    /// <summary>The kind name of this transformer in a model file.</summary>
    public const string KindName = "SequenceRegressionTransformer";

    internal SequenceRegressionTransformer(TransformerParts parts, RecurrentNetworkSpec spec, PooledSequenceNetwork network,
        FeatureScaling labelScaling, string scoreColumnName)
        : base(parts, spec, network, labelScaling, scoreColumnName)
    {
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        CheckFeatures(nameof(inputSchema), inputSchema);
        return [new(ScoreColumnName, NumberDataViewType.Single)];
    }

    internal override BlockPredictor CreateBlockPredictor()
        => new BlockPredictor<float[]>(PredictTargets, (current, isActive) =>
            [isActive(0) ? (ValueGetter<float>)((ref float score) => score = current()[0]) : null]);

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context) => SaveRegression(context, KindName);

    internal static SequenceRegressionTransformer Load(ModelLoadContext context)
    {
        var (parts, spec, network, labelScaling, score) = LoadRegression(context);
        if (spec.OutputSize != 1)
        {
            throw new ModelFormatException(context.Path, $"a sequence regressor has 1 output, the saved network has {spec.OutputSize}.");
        }

        return new SequenceRegressionTransformer(parts, spec, network, labelScaling, score);
    }
}
