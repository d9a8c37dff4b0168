using System.Numerics.Tensors;
using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// A trained recurrent sequence tagger (what <see cref="SequenceTaggingEstimator"/> fits): adds PredictedLabel (one
/// key per step, the most probable tag) and Score (the C tag probabilities of every step, dimensions [L, C]).
/// </summary>
public sealed class SequenceTaggingTransformer : RecurrentTransformer
{
    /// <summary>The kind name of this transformer in a model file.</summary>
    public const string KindName = "SequenceTaggingTransformer";

    private readonly RecurrentNetworkSpec _spec;
    private readonly Outputs _outputs;

    internal SequenceTaggingTransformer(TransformerParts parts, RecurrentNetworkSpec spec, SequenceTaggingNetwork network, Outputs outputs)
        : base(parts)
    {
        _spec = spec;
        Network = network;
        _outputs = outputs;
    }

    /// <summary>The trained network: encoder and per-step head.</summary>
    public SequenceTaggingNetwork Network { get; }

    /// <inheritdoc/>
    public override Module Model => Network;

    /// <summary>C, the number of tags.</summary>
    public int NumberOfTags => _outputs.Tags;

    /// <summary>The label's key values (tag k − 1 is key k), or null when it had none.</summary>
    public IReadOnlyList<string>? TagNames => _outputs.TagNames;

    /// <summary>The output column names and the tag set.</summary>
    /// <param name="Tags">C.</param>
    /// <param name="TagNames">The label's key values, or null.</param>
    /// <param name="Score">Score column.</param>
    /// <param name="PredictedLabel">PredictedLabel column.</param>
    internal sealed record Outputs(int Tags, string[]? TagNames, string Score, string PredictedLabel);

    /// <summary>One row's prediction.</summary>
    /// <param name="Tags">L predicted keys.</param>
    /// <param name="Probabilities">L·C tag probabilities.</param>
    private sealed record Prediction(uint[] Tags, float[] Probabilities);

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        CheckFeatures(nameof(inputSchema), inputSchema);
        return
        [
            new(_outputs.Score, new VectorDataViewType(NumberDataViewType.Single, 0, _outputs.Tags)),
            new(_outputs.PredictedLabel, new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)_outputs.Tags)),
                KeyValuesAnnotation.ToAnnotations(_outputs.TagNames)),
        ];
    }

    internal override BlockPredictor CreateBlockPredictor() => new BlockPredictor<Prediction>(Predict, (current, isActive) =>
    [
        isActive(0) ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> score) => VectorOutput.Write<float>(current().Probabilities, ref score)) : null,
        isActive(1) ? (ValueGetter<VBuffer<uint>>)((ref VBuffer<uint> tags) => VectorOutput.Write<uint>(current().Tags, ref tags)) : null,
    ]);

    private Prediction[] Predict(IReadOnlyList<FeatureSequence> rows)
    {
        float[] logits = Network.Forward(Collate(rows)).ToArray();   // (L, N, C)
        int count = rows.Count, classes = _outputs.Tags;
        return [.. rows.Select((row, n) =>
        {
            var probabilities = new float[row.Length * classes];
            var tags = new uint[row.Length];
            for (int t = 0; t < row.Length; t++)
            {
                Span<float> step = probabilities.AsSpan(t * classes, classes);
                TensorPrimitives.SoftMax(logits.AsSpan((t * count + n) * classes, classes), step);
                tags[t] = (uint)MulticlassObjective.ArgMax(step) + 1;
            }

            return new Prediction(tags, probabilities);
        })];
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(KindName, 1);
        RecurrentModelFile.SaveCommon(context, this, _spec);
        context.Manifest["outputs"] = JsonSerializer.SerializeToNode(_outputs);
    }

    internal static SequenceTaggingTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        var parts = RecurrentModelFile.LoadCommon(context);
        var spec = context.Get<RecurrentNetworkSpec>("network");
        var outputs = context.Get<Outputs>("outputs");
        if (spec.Input != parts.Input || outputs.Tags != spec.OutputSize || (outputs.TagNames is not null && outputs.TagNames.Length != outputs.Tags))
        {
            throw new ModelFormatException(context.Path, $"fields 'network', 'input' and 'outputs' disagree: {context.Manifest["outputs"]!.ToJsonString()}.");
        }

        return new SequenceTaggingTransformer(parts, spec, RecurrentModelFile.LoadNetwork(context, () => new SequenceTaggingNetwork(spec)), outputs);
    }
}
