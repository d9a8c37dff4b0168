using System.Text.Json;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Base of the transformers that predict Single targets per sequence (<see cref="SequenceRegressionTransformer"/>,
/// <see cref="RecurrentForecastingTransformer"/>): the network predicts standardised targets, mapped back as
/// ŷ = z·σ + μ with the training labels' μ and σ.
/// </summary>
public abstract class PooledRegressionTransformer : PooledSequenceTransformer
{
    private protected PooledRegressionTransformer(TransformerParts parts, RecurrentNetworkSpec spec, PooledSequenceNetwork network,
        FeatureScaling labelScaling, string scoreColumnName)
        : base(parts, spec, network)
    {
        LabelScaling = labelScaling;
        ScoreColumnName = scoreColumnName;
    }

    /// <summary>The output column of the predictions.</summary>
    public string ScoreColumnName { get; }

    /// <summary>The mean of each target in the training labels (μ).</summary>
    public IReadOnlyList<float> LabelMean => LabelScaling.Mean;

    /// <summary>The standard deviation of each target in the training labels (σ; 1 for a constant target).</summary>
    public IReadOnlyList<float> LabelScale => LabelScaling.Scale;

    internal FeatureScaling LabelScaling { get; }

    /// <summary>The predictions of a block of rows on the label's scale (call without recording gradients).</summary>
    /// <param name="rows">The block.</param>
    /// <returns>K values per row.</returns>
    private protected float[][] PredictTargets(IReadOnlyList<FeatureSequence> rows)
    {
        float[][] outputs = PredictOutputs(rows);
        foreach (float[] output in outputs)
        {
            LabelScaling.Restore(output);
        }

        return outputs;
    }

    /// <summary>Writes the kind, the network and the regression fields ("labelScaling", "scoreColumn").</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="kind">The transformer's kind name.</param>
    private protected void SaveRegression(ModelSaveContext context, string kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(kind, 1);
        SaveNetwork(context);
        context.Manifest["labelScaling"] = JsonSerializer.SerializeToNode(LabelScaling);
        context.Manifest["scoreColumn"] = ScoreColumnName;
    }

    /// <summary>Reads what <see cref="SaveRegression"/> wrote.</summary>
    /// <param name="context">The saved transformer.</param>
    /// <returns>The parts, architecture, network, target standardisation and score column.</returns>
    /// <exception cref="ModelFormatException">A field or weight is missing or inconsistent.</exception>
    private protected static (TransformerParts Parts, RecurrentNetworkSpec Spec, PooledSequenceNetwork Network, FeatureScaling LabelScaling, string ScoreColumn)
        LoadRegression(ModelLoadContext context)
    {
        context.CheckVersion(1);
        var (parts, spec, network) = LoadNetwork(context);
        var labelScaling = context.Get<FeatureScaling>("labelScaling");
        if (labelScaling.Mean.Length != spec.OutputSize || labelScaling.Scale.Length != spec.OutputSize || labelScaling.Scale.Any(s => !(s > 0)))
        {
            throw new ModelFormatException(context.Path, $"field 'labelScaling' must hold {spec.OutputSize} means and positive scales.");
        }

        return (parts, spec, network, labelScaling, context.Get<string>("scoreColumn"));
    }
}
