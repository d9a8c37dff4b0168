using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Trains an encoder–decoder with attention (the engine's <see cref="Seq2SeqModel"/>) that maps a source key sequence
/// to a target key sequence — transliteration, spelling correction, toy translation, arithmetic as text. Created by
/// <c>mlContext.Transforms.Recurrent.SequenceToSequence</c>.
/// </summary>
/// <remarks>
/// <para><b>Input columns.</b> Features: a vector of keys (the source tokens). Label (training only): a vector of keys
/// (the target tokens, without begin/end markers; the model adds its own).</para>
/// <para><b>Output columns.</b> PredictedLabel: a variable-length vector of keys of the label's type (with its key
/// values), generated greedily or by beam search until the end-of-sequence token or the maximum length. Score
/// (Single): log P(output | source) of the generated sequence (end-of-sequence included when reached).</para>
/// <para><b>Training.</b> The rows are read into memory; rows whose target contains a missing key (0) are skipped.
/// Teacher forcing with cross-entropy over the target steps; the validation metrics are the loss and the
/// teacher-forced per-token accuracy.</para>
/// </remarks>
public sealed class SequenceToSequenceEstimator : RecurrentEstimator<SequenceToSequenceTransformer, SequenceToSequenceOptions>
{
    private const string ExpectedSource = "Vector<Key> (source tokens)";
    private const string ExpectedTarget = "Vector<Key> (target tokens)";

    internal SequenceToSequenceEstimator(MLContext context, SequenceToSequenceOptions options)
        : base(context, options)
    {
    }

    private protected override IEnumerable<SchemaShape.Column> GetOutputColumns(SchemaShape inputSchema)
    {
        SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Options.FeatureColumnName, ExpectedSource,
            c => c.Kind != SchemaShape.Column.VectorKind.Scalar && c.IsKey);
        var label = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Options.LabelColumnName, ExpectedTarget,
            c => c.Kind != SchemaShape.Column.VectorKind.Scalar && c.IsKey);
        return
        [
            new(Options.ScoreColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
            new(Options.PredictedLabelColumnName, SchemaShape.Column.VectorKind.VariableVector, label.ItemType, true),
        ];
    }

    private protected override SequenceToSequenceTransformer FitCore(IDataView input)
    {
        SchemaMismatchException.Check(nameof(input), input.Schema, Options.FeatureColumnName, ExpectedSource,
            t => t is VectorDataViewType { ItemType: KeyDataViewType });
        var (features, layout) = SequenceInput.Resolve(nameof(input), input.Schema, Options.FeatureColumnName, null);
        var label = SchemaMismatchException.Check(nameof(input), input.Schema, Options.LabelColumnName, ExpectedTarget,
            t => t is VectorDataViewType { ItemType: KeyDataViewType });
        int targetKeys = checked((int)((KeyDataViewType)((VectorDataViewType)label.Type).ItemType).Count);
        var (examples, skipped) = TrainingRows.Read<int[]>(input, layout, features, label, row =>
        {
            var getter = row.GetGetter<VBuffer<uint>>(label);
            var buffer = default(VBuffer<uint>);
            return (FeatureSequence _, out int[] target) =>
            {
                getter(ref buffer);
                target = [.. buffer.DenseValues().Select(k => (int)k)];
                return !target.Contains(0);
            };
        });
        var spec = new SequenceToSequenceSpec
        {
            SourceKeys = layout.VocabularySize,
            TargetKeys = targetKeys,
            EmbeddingSize = Options.EmbeddingSize,
            HiddenSize = Options.HiddenSize,
            NumberOfLayers = Options.NumberOfLayers,
            Cell = Options.Cell,
            Attention = Options.Attention,
            InputFeeding = Options.InputFeeding,
            Bidirectional = Options.Bidirectional,
            Dropout = Options.Dropout,
            Seed = Seed,
            BeamWidth = Options.BeamWidth,
            LengthPenalty = Options.LengthPenalty,
            MaximumOutputLength = Options.MaximumOutputLength,
            LongestTrainingTarget = examples.Count == 0 ? 0 : examples.Max(e => e.Label.Length),
        };
        var model = new Seq2SeqModel(spec.ToModelOptions());
        var history = RecurrentTraining.Train(Options, Seed, new SequenceToSequenceTask(model, spec), examples, skipped);
        return new SequenceToSequenceTransformer(new TransformerParts(Options.FeatureColumnName, layout, null, history), spec, model,
            new SequenceToSequenceTransformer.Outputs(KeyValuesAnnotation.Read(label), Options.ScoreColumnName, Options.PredictedLabelColumnName));
    }
}
