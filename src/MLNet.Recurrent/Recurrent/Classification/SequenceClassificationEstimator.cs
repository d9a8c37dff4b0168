using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Trains a recurrent sequence classifier: a Boolean label gives a binary classifier, a key label a multiclass one.
/// Created by <c>mlContext.Transforms.Recurrent.SequenceClassification</c>,
/// <c>mlContext.BinaryClassification.Trainers.Recurrent</c> or <c>mlContext.MulticlassClassification.Trainers.Recurrent</c>.
/// </summary>
/// <remarks>
/// <para><b>Input columns.</b> Features: a vector of keys (token keys from a tokenizer; embedded, key 0 = missing is the
/// zero padding vector) or a vector of Single (L steps of F features, F from the column's dimensions [L, F] or
/// <see cref="RecurrentOptions.FeaturesPerStep"/>; variable-length vectors give variable-length sequences). An empty
/// sequence is read as one padding step. Label: Boolean (binary) or a key (multiclass; class k − 1 for key k).</para>
/// <para><b>Output columns.</b></para>
/// <list type="table">
/// <listheader><term>Column</term><description>Binary / multiclass</description></listheader>
/// <item><term>Score</term><description>Single: the logit z (P = σ(z)) / Vector&lt;Single&gt;[C]: the class probabilities softmax(z).</description></item>
/// <item><term>Probability</term><description>Single: σ(z) / (not written).</description></item>
/// <item><term>PredictedLabel</term><description>Boolean: z &gt; 0 / the label's key type (with its key values): argmax + 1.</description></item>
/// </list>
/// <para><b>Training.</b> The rows are read into memory; rows with a missing label (key 0) or non-finite features are
/// skipped. Loss: binary cross-entropy on the logit, or cross-entropy over C logits; mini-batches bucketed by length;
/// optional validation split with early stopping on the validation loss (accuracy is reported too).</para>
/// </remarks>
public sealed class SequenceClassificationEstimator : RecurrentEstimator<SequenceClassificationTransformer, SequenceClassificationOptions>
{
    private readonly ClassificationLabelKind _labelKind;

    internal SequenceClassificationEstimator(MLContext context, SequenceClassificationOptions options, ClassificationLabelKind labelKind = ClassificationLabelKind.Any)
        : base(context, options)
    {
        _labelKind = labelKind;
    }

    private string ExpectedLabel => _labelKind switch
    {
        ClassificationLabelKind.Binary => "Boolean",
        ClassificationLabelKind.Multiclass => "Key",
        _ => "Boolean (binary) or Key (multiclass)",
    };

    private bool AcceptsBinary => _labelKind != ClassificationLabelKind.Multiclass;

    private bool AcceptsMulticlass => _labelKind != ClassificationLabelKind.Binary;

    private protected override IEnumerable<SchemaShape.Column> GetOutputColumns(SchemaShape inputSchema)
    {
        var label = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Options.LabelColumnName, ExpectedLabel,
            c => c.Kind == SchemaShape.Column.VectorKind.Scalar && ((AcceptsBinary && c.ItemType is BooleanDataViewType) || (AcceptsMulticlass && c.IsKey)));
        if (!label.IsKey)
        {
            return
            [
                new(Options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
                new(Options.ProbabilityColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
                new(Options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
            ];
        }

        return
        [
            new(Options.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false),
            new(Options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, label.ItemType, true),
        ];
    }

    private protected override SequenceClassificationTransformer FitCore(IDataView input)
    {
        var (features, layout) = SequenceInput.Resolve(nameof(input), input.Schema, Options.FeatureColumnName, Options.FeaturesPerStep);
        var label = SchemaMismatchException.Check(nameof(input), input.Schema, Options.LabelColumnName, ExpectedLabel,
            t => (AcceptsBinary && t is BooleanDataViewType) || (AcceptsMulticlass && t is KeyDataViewType));
        if (label.Type is KeyDataViewType key)
        {
            int classes = checked((int)key.Count);
            var (examples, skipped) = TrainingRows.Read<int>(input, layout, features, label, row =>
            {
                var getter = row.GetGetter<uint>(label);
                uint value = 0;
                return (FeatureSequence _, out int y) =>
                {
                    getter(ref value);
                    y = (int)value - 1;
                    return value != 0;
                };
            });
            return Train(layout, examples, skipped, binary: false, classes, new MulticlassObjective(), KeyValuesAnnotation.Read(label));
        }

        var (binaryExamples, skippedBinary) = TrainingRows.Read<bool>(input, layout, features, label, row =>
        {
            var getter = row.GetGetter<bool>(label);
            return (FeatureSequence _, out bool y) =>
            {
                y = false;
                getter(ref y);
                return true;
            };
        });
        return Train(layout, binaryExamples, skippedBinary, binary: true, 1, new BinaryObjective(), null);
    }

    private SequenceClassificationTransformer Train<TLabel>(SequenceInput layout, List<LabeledSequence<TLabel>> examples, int skipped,
        bool binary, int outputSize, ISequenceObjective<TLabel> objective, string[]? classNames)
    {
        var scaling = TrainingRows.FitScaling(layout, examples);
        var spec = RecurrentNetworkSpec.From(Options, layout, outputSize, Seed);
        var network = new PooledSequenceNetwork(spec);
        var history = RecurrentTraining.Train(Options, Seed, new PooledSequenceTask<TLabel>(network, objective, scaling), examples, skipped);
        var parts = new TransformerParts(Options.FeatureColumnName, layout, scaling, history);
        return new SequenceClassificationTransformer(parts, spec, network, new SequenceClassificationTransformer.Outputs(
            binary, outputSize, classNames, Options.ScoreColumnName, Options.ProbabilityColumnName, Options.PredictedLabelColumnName));
    }
}
