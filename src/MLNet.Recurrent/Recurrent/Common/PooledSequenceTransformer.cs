using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Base of the transformers that predict one value or vector per sequence (classification, regression, forecasting)
/// with a <see cref="PooledSequenceNetwork"/>; exposes the network and the attention weights it puts on each step.
/// </summary>
public abstract class PooledSequenceTransformer : RecurrentTransformer
{
    private protected PooledSequenceTransformer(TransformerParts parts, RecurrentNetworkSpec spec, PooledSequenceNetwork network)
        : base(parts)
    {
        Spec = spec;
        Network = network;
    }

    /// <summary>The trained network: encoder, pooling (attention) and head.</summary>
    public PooledSequenceNetwork Network { get; }

    /// <inheritdoc/>
    public override Module Model => Network;

    /// <summary>How the network summarises a sequence.</summary>
    public RecurrentAttention Attention => Spec.Attention;

    internal RecurrentNetworkSpec Spec { get; }

    /// <summary>
    /// The attention weights α_t the network puts on each step of each row's feature sequence: row i's array has one
    /// weight per step (L_i values, at least 1), summing to 1. Reads the feature column of every row of
    /// <paramref name="data"/> into memory.
    /// </summary>
    /// <param name="data">Rows with the feature column.</param>
    /// <returns>One array per row, in row order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The network has no attention (<see cref="Attention"/> is None).</exception>
    /// <exception cref="SchemaMismatchException">The feature column is missing or differs from training.</exception>
    public IReadOnlyList<float[]> GetAttentionWeights(IDataView data)
    {
        if (Attention == RecurrentAttention.None)
        {
            throw new InvalidOperationException(
                $"{GetType().Name}: the network summarises sequences by their final state (Attention = None), so it has no attention weights; train with Attention = Pooling, Additive or Luong.");
        }

        return InBlocks<float[]>(ReadFeatures(data), rows =>
        {
            var weights = Network.Forward(Collate(rows)).AttentionWeights!.ToArray();
            int steps = weights.Length / rows.Count;
            return [.. rows.Select((row, n) => weights.AsSpan(n * steps, row.Length).ToArray())];
        });
    }

    /// <summary>The head's outputs for a block of rows: N arrays of K values (call without recording gradients).</summary>
    /// <param name="rows">The block.</param>
    /// <returns>One array per row.</returns>
    private protected float[][] PredictOutputs(IReadOnlyList<FeatureSequence> rows)
    {
        float[] outputs = Network.Forward(Collate(rows)).Value.ToArray();
        int k = Spec.OutputSize;
        return [.. Enumerable.Range(0, rows.Count).Select(n => outputs.AsSpan(n * k, k).ToArray())];
    }

    /// <summary>Writes the shared fields, the architecture and the weights (the derived class sets the kind and adds its fields).</summary>
    /// <param name="context">Where to write.</param>
    private protected void SaveNetwork(ModelSaveContext context) => RecurrentModelFile.SaveCommon(context, this, Spec);

    /// <summary>Reads the shared fields and rebuilds the trained network.</summary>
    /// <param name="context">The saved transformer.</param>
    /// <returns>The parts, the architecture and the network.</returns>
    /// <exception cref="ModelFormatException">A field or weight is missing or inconsistent.</exception>
    private protected static (TransformerParts Parts, RecurrentNetworkSpec Spec, PooledSequenceNetwork Network) LoadNetwork(ModelLoadContext context)
    {
        var parts = RecurrentModelFile.LoadCommon(context);
        var spec = context.Get<RecurrentNetworkSpec>("network");
        if (spec.Input != parts.Input)
        {
            throw new ModelFormatException(context.Path, "field 'network' describes another input than field 'input'.");
        }

        return (parts, spec, RecurrentModelFile.LoadNetwork(context, () => new PooledSequenceNetwork(spec)));
    }
}
