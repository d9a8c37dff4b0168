using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// A trained encoder–decoder (what <see cref="SequenceToSequenceEstimator"/> fits): adds PredictedLabel (the generated
/// key sequence, greedy or beam search) and Score (its log-probability), and exposes the decoder's attention maps.
/// </summary>
public sealed class SequenceToSequenceTransformer : RecurrentTransformer
{
    /// <summary>The kind name of this transformer in a model file.</summary>
    public const string KindName = "SequenceToSequenceTransformer";

    private readonly SequenceToSequenceSpec _spec;
    private readonly Outputs _outputs;

    internal SequenceToSequenceTransformer(TransformerParts parts, SequenceToSequenceSpec spec, Seq2SeqModel network, Outputs outputs)
        : base(parts)
    {
        _spec = spec;
        Network = network;
        _outputs = outputs;
    }

    /// <summary>The trained engine model (encoder, decoder, attention).</summary>
    public Seq2SeqModel Network { get; }

    /// <inheritdoc/>
    public override Module Model => Network;

    /// <summary>The decoder's attention.</summary>
    public RecurrentAttention Attention => _spec.Attention;

    /// <summary>K, hypotheses kept by beam search (1: greedy decoding).</summary>
    public int BeamWidth => _spec.BeamWidth;

    /// <summary>The target's key values (key k at index k − 1), or null when the label had none.</summary>
    public IReadOnlyList<string>? TargetKeyValues => _outputs.TargetKeyValues;

    /// <summary>The output column names and the target vocabulary.</summary>
    /// <param name="TargetKeyValues">The label's key values, or null.</param>
    /// <param name="Score">Score column.</param>
    /// <param name="PredictedLabel">PredictedLabel column.</param>
    internal sealed record Outputs(string[]? TargetKeyValues, string Score, string PredictedLabel);

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        CheckFeatures(nameof(inputSchema), inputSchema);
        return
        [
            new(_outputs.Score, NumberDataViewType.Single),
            new(_outputs.PredictedLabel, new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)_spec.TargetKeys)),
                KeyValuesAnnotation.ToAnnotations(_outputs.TargetKeyValues)),
        ];
    }

    internal override BlockPredictor CreateBlockPredictor() => new BlockPredictor<Seq2SeqHypothesis>(Decode, (current, isActive) =>
    [
        isActive(0) ? (ValueGetter<float>)((ref float score) => score = (float)current().LogProbability) : null,
        isActive(1) ? (ValueGetter<VBuffer<uint>>)((ref VBuffer<uint> keys) => VectorOutput.Write<uint>(ToKeys(current().Tokens), ref keys)) : null,
    ]);

    /// <summary>
    /// The decoder's attention over the source for each row: a matrix (output steps, source length) whose row t holds
    /// the weights step t (the end-of-sequence step included) put on each source token; each row sums to 1. Reads the
    /// feature column of every row of <paramref name="data"/> into memory and decodes it as <see cref="RecurrentTransformer.Transform(IDataView)"/> does.
    /// </summary>
    /// <param name="data">Rows with the source column.</param>
    /// <returns>One matrix per row, in row order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The model has no attention.</exception>
    /// <exception cref="SchemaMismatchException">The source column is missing or differs from training.</exception>
    public IReadOnlyList<float[,]> GetAttentionWeights(IDataView data)
    {
        if (Attention == RecurrentAttention.None)
        {
            throw new InvalidOperationException($"{nameof(SequenceToSequenceTransformer)}: the decoder has no attention (Attention = None).");
        }

        var rows = ReadFeatures(data);
        var hypotheses = InBlocks<Seq2SeqHypothesis>(rows, Decode);
        return [.. hypotheses.Select((hypothesis, i) =>
        {
            float[] map = hypothesis.Attention!.ToArray();
            int steps = hypothesis.Attention.Size(0), padded = hypothesis.Attention.Size(1), length = rows[i].Length;
            var weights = new float[steps, length];
            for (int t = 0; t < steps; t++)
            {
                for (int s = 0; s < length; s++)
                {
                    weights[t, s] = map[t * padded + s];
                }
            }

            return weights;
        })];
    }

    /// <summary>Decodes a block (call without recording gradients).</summary>
    private Seq2SeqHypothesis[] Decode(IReadOnlyList<FeatureSequence> rows)
    {
        var (source, lengths) = Seq2SeqBatch.Pad([.. rows.Select(r => r.Tokens!)], 0);
        int maxLength = _spec.MaximumLength(lengths.Max());
        var hypotheses = _spec.BeamWidth == 1
            ? Network.GreedyDecode(source, lengths, _spec.Bos, _spec.Eos, maxLength)
            : Network.BeamSearch(source, lengths, _spec.Bos, _spec.Eos, _spec.BeamWidth, maxLength, _spec.LengthPenalty);
        return [.. hypotheses];
    }

    /// <summary>Token ids → keys: ids 1…C are keys; BOS, EOS or padding generated mid-sequence become the missing key 0.</summary>
    private uint[] ToKeys(int[] tokens) => [.. tokens.Select(t => t >= 1 && t <= _spec.TargetKeys ? (uint)t : 0u)];

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(KindName, 1);
        RecurrentModelFile.SaveCommon(context, this, _spec);
        context.Manifest["outputs"] = JsonSerializer.SerializeToNode(_outputs);
    }

    internal static SequenceToSequenceTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        var parts = RecurrentModelFile.LoadCommon(context);
        var spec = context.Get<SequenceToSequenceSpec>("network");
        var outputs = context.Get<Outputs>("outputs");
        if (!parts.Input.IsTokens || parts.Input.VocabularySize != spec.SourceKeys || spec.TargetKeys < 1 || spec.BeamWidth < 1
            || (outputs.TargetKeyValues is not null && outputs.TargetKeyValues.Length != spec.TargetKeys))
        {
            throw new ModelFormatException(context.Path, $"fields 'network', 'input' and 'outputs' disagree: {context.Manifest["network"]!.ToJsonString()}.");
        }

        return new SequenceToSequenceTransformer(parts, spec, RecurrentModelFile.LoadNetwork(context, () => new Seq2SeqModel(spec.ToModelOptions())), outputs);
    }
}
