using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Trains a recurrent sequence tagger: one key label per step of the feature sequence (parts of speech, named-entity
/// tags, ...). Created by <c>mlContext.Transforms.Recurrent.SequenceTagging</c>.
/// </summary>
/// <remarks>
/// <para><b>Input columns.</b> Features: a vector of keys or of Single, as for <see cref="SequenceClassificationEstimator"/>
/// (variable length). Label: a variable-length vector of keys with one key per step of the features (key 0 = no tag
/// at that step: the step is not trained on).</para>
/// <para><b>Output columns.</b> PredictedLabel: a variable-length vector of keys of the label's type (with its key
/// values), one per step. Score: a variable-length Vector&lt;Single&gt; with dimensions [L, C] holding each step's C tag
/// probabilities, step after step.</para>
/// <para><b>Training.</b> The rows are read into memory; rows without any tag or with non-finite features are skipped,
/// and a row whose tag count differs from its step count is an error. Loss: cross-entropy over the tagged steps.
/// Bidirectional layers let each step's tag depend on what follows it too.</para>
/// </remarks>
public sealed class SequenceTaggingEstimator : RecurrentEstimator<SequenceTaggingTransformer, SequenceTaggingOptions>
{
    private const string ExpectedLabel = "Vector<Key> (one tag per step)";

    internal SequenceTaggingEstimator(MLContext context, SequenceTaggingOptions options)
        : base(context, options)
    {
    }

    private protected override IEnumerable<SchemaShape.Column> GetOutputColumns(SchemaShape inputSchema)
    {
        var label = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Options.LabelColumnName, ExpectedLabel,
            c => c.Kind != SchemaShape.Column.VectorKind.Scalar && c.IsKey);
        return
        [
            new(Options.ScoreColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Single, false),
            new(Options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.VariableVector, label.ItemType, true),
        ];
    }

    private protected override SequenceTaggingTransformer FitCore(IDataView input)
    {
        var (features, layout) = SequenceInput.Resolve(nameof(input), input.Schema, Options.FeatureColumnName, Options.FeaturesPerStep);
        var label = SchemaMismatchException.Check(nameof(input), input.Schema, Options.LabelColumnName, ExpectedLabel,
            t => t is VectorDataViewType { ItemType: KeyDataViewType });
        int tags = checked((int)((KeyDataViewType)((VectorDataViewType)label.Type).ItemType).Count);
        var (examples, skipped) = TrainingRows.Read(input, layout, features, label, row => CreateLabelReader(row, label));
        var scaling = TrainingRows.FitScaling(layout, examples);
        var spec = RecurrentNetworkSpec.From(Options, layout, tags, Seed);
        var network = new SequenceTaggingNetwork(spec);
        var history = RecurrentTraining.Train(Options, Seed, new SequenceTaggingTask(network, scaling), examples, skipped);
        return new SequenceTaggingTransformer(new TransformerParts(Options.FeatureColumnName, layout, scaling, history), spec, network,
            new SequenceTaggingTransformer.Outputs(tags, KeyValuesAnnotation.Read(label), Options.ScoreColumnName, Options.PredictedLabelColumnName));
    }

    /// <summary>Reads a row's tags as class indices (key − 1; missing keys ignored); rows without tags are skipped.</summary>
    /// <exception cref="InvalidDataException">(When called) the tag count differs from the step count.</exception>
    private static TrainingRows.LabelReader<int[]> CreateLabelReader(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<VBuffer<uint>>(label);
        var buffer = default(VBuffer<uint>);
        return (FeatureSequence features, out int[] tags) =>
        {
            getter(ref buffer);
            var keys = buffer.GetValues();
            tags = new int[keys.Length];
            for (int t = 0; t < keys.Length; t++)
            {
                tags[t] = keys[t] == 0 ? CrossEntropyLoss.DefaultIgnoreIndex : (int)keys[t] - 1;
            }

            if (keys.Length != 0 && keys.Length != features.Length)
            {
                throw new InvalidDataException(
                    $"column '{label.Name}', row {row.Position}: expected one tag per step ({features.Length}), got {keys.Length}.");
            }

            return tags.Any(t => t != CrossEntropyLoss.DefaultIgnoreIndex);
        };
    }
}
