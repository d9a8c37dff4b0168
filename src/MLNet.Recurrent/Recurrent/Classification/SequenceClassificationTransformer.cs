using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// A trained recurrent sequence classifier (what <see cref="SequenceClassificationEstimator"/> fits). Binary: Score
/// (the logit z), Probability σ(z) and PredictedLabel z &gt; 0. Multiclass: Score (C class probabilities) and
/// PredictedLabel (the most probable class as a key of the label's type, with its key values).
/// </summary>
public sealed class SequenceClassificationTransformer : PooledSequenceTransformer
{
    /// <summary>The kind name of this transformer in a model file.</summary>
    public const string KindName = "SequenceClassificationTransformer";

    private readonly Outputs _outputs;

    internal SequenceClassificationTransformer(TransformerParts parts, RecurrentNetworkSpec spec, PooledSequenceNetwork network, Outputs outputs)
        : base(parts, spec, network)
    {
        _outputs = outputs;
    }

    /// <summary>True for a binary classifier (Boolean label), false for multiclass (key label).</summary>
    public bool IsBinary => _outputs.IsBinary;

    /// <summary>The number of classes: 2 for binary, C for multiclass.</summary>
    public int NumberOfClasses => IsBinary ? 2 : _outputs.Classes;

    /// <summary>The label's key values (class k − 1 is key k), or null when the label had none or is Boolean.</summary>
    public IReadOnlyList<string>? ClassNames => _outputs.ClassNames;

    /// <summary>The output column names and what the label looked like.</summary>
    /// <param name="IsBinary">Boolean label.</param>
    /// <param name="Classes">C (1 for binary: one logit).</param>
    /// <param name="ClassNames">The label's key values, or null.</param>
    /// <param name="Score">Score column.</param>
    /// <param name="Probability">Probability column (binary only).</param>
    /// <param name="PredictedLabel">PredictedLabel column.</param>
    internal sealed record Outputs(bool IsBinary, int Classes, string[]? ClassNames, string Score, string Probability, string PredictedLabel);

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        CheckFeatures(nameof(inputSchema), inputSchema);
        if (IsBinary)
        {
            return
            [
                new(_outputs.Score, NumberDataViewType.Single),
                new(_outputs.Probability, NumberDataViewType.Single),
                new(_outputs.PredictedLabel, BooleanDataViewType.Instance),
            ];
        }

        return
        [
            new(_outputs.Score, new VectorDataViewType(NumberDataViewType.Single, _outputs.Classes)),
            new(_outputs.PredictedLabel, new KeyDataViewType(typeof(uint), (ulong)_outputs.Classes), KeyValuesAnnotation.ToAnnotations(_outputs.ClassNames)),
        ];
    }

    internal override BlockPredictor CreateBlockPredictor() => new BlockPredictor<float[]>(PredictScores, CreateGetters);

    /// <summary>Binary: [z]; multiclass: softmax(z).</summary>
    private float[][] PredictScores(IReadOnlyList<FeatureSequence> rows)
    {
        float[][] outputs = PredictOutputs(rows);
        if (!IsBinary)
        {
            foreach (float[] logits in outputs)
            {
                System.Numerics.Tensors.TensorPrimitives.SoftMax(logits, logits);
            }
        }

        return outputs;
    }

    private Delegate?[] CreateGetters(Func<float[]> current, Func<int, bool> isActive)
    {
        if (IsBinary)
        {
            return
            [
                isActive(0) ? (ValueGetter<float>)((ref float score) => score = current()[0]) : null,
                isActive(1) ? (ValueGetter<float>)((ref float probability) => probability = 1f / (1f + MathF.Exp(-current()[0]))) : null,
                isActive(2) ? (ValueGetter<bool>)((ref bool label) => label = current()[0] > 0f) : null,
            ];
        }

        return
        [
            isActive(0) ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> scores) => VectorOutput.Write<float>(current(), ref scores)) : null,
            isActive(1) ? (ValueGetter<uint>)((ref uint key) => key = (uint)MulticlassObjective.ArgMax(current()) + 1) : null,
        ];
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(KindName, 1);
        SaveNetwork(context);
        context.Manifest["outputs"] = JsonSerializer.SerializeToNode(_outputs);
    }

    internal static SequenceClassificationTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        var (parts, spec, network) = LoadNetwork(context);
        var outputs = context.Get<Outputs>("outputs");
        if (outputs.Classes != spec.OutputSize || (outputs.IsBinary && outputs.Classes != 1)
            || (outputs.ClassNames is not null && outputs.ClassNames.Length != outputs.Classes))
        {
            throw new ModelFormatException(context.Path, $"field 'outputs' does not match the network's {spec.OutputSize} output(s): {context.Manifest["outputs"]!.ToJsonString()}.");
        }

        return new SequenceClassificationTransformer(parts, spec, network, outputs);
    }
}
