using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using static MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq.Seq2SeqTestData;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>Parameter names and shapes (the state_dict contract), output shapes, attention maps, padding helpers, seeding.</summary>
public class Seq2SeqModuleTests
{
    [Fact]
    public void StateDictNames_AreStable()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.Bahdanau, RecurrentCellKind.Lstm, bidirectional: true);
        var shapes = model.NamedParameters().ToDictionary(p => p.Key, p => ShapeText.Format(p.Value.Shape));
        Assert.Equal(new Dictionary<string, string>
        {
            ["encoder.embedding.weight"] = "(6, 3)",
            ["encoder.rnn.weight_ih_l0"] = "(16, 3)",
            ["encoder.rnn.weight_hh_l0"] = "(16, 4)",
            ["encoder.rnn.bias_ih_l0"] = "(16,)",
            ["encoder.rnn.bias_hh_l0"] = "(16,)",
            ["encoder.rnn.weight_ih_l0_reverse"] = "(16, 3)",
            ["encoder.rnn.weight_hh_l0_reverse"] = "(16, 4)",
            ["encoder.rnn.bias_ih_l0_reverse"] = "(16,)",
            ["encoder.rnn.bias_hh_l0_reverse"] = "(16,)",
            ["encoder.bridge_hidden.weight"] = "(4, 8)",
            ["encoder.bridge_hidden.bias"] = "(4,)",
            ["encoder.bridge_cell.weight"] = "(4, 8)",
            ["encoder.bridge_cell.bias"] = "(4,)",
            ["decoder.embedding.weight"] = "(7, 3)",
            ["decoder.rnn.weight_ih_l0"] = "(16, 11)",
            ["decoder.rnn.weight_hh_l0"] = "(16, 4)",
            ["decoder.rnn.bias_ih_l0"] = "(16,)",
            ["decoder.rnn.bias_hh_l0"] = "(16,)",
            ["decoder.attention.query_proj.weight"] = "(5, 4)",
            ["decoder.attention.query_proj.bias"] = "(5,)",
            ["decoder.attention.key_proj.weight"] = "(5, 8)",
            ["decoder.attention.v.weight"] = "(1, 5)",
            ["decoder.combine.weight"] = "(4, 12)",
            ["decoder.output.weight"] = "(7, 4)",
            ["decoder.output.bias"] = "(7,)",
        }, shapes);
        Assert.Equal(shapes.Keys, model.NamedParameters().Select(p => p.Key));
    }

    [Theory]
    [InlineData(Seq2SeqAttentionKind.None, true, new[] { "decoder.embedding.weight", "decoder.rnn.weight_ih_l0", "decoder.output.weight" }, 3)]
    [InlineData(Seq2SeqAttentionKind.LuongDot, true, new[] { "decoder.combine.weight" }, 3 + 4)]
    [InlineData(Seq2SeqAttentionKind.LuongGeneral, false, new[] { "decoder.attention.weight", "decoder.combine.weight" }, 3)]
    public void DecoderInputSize_FollowsTheWiring(Seq2SeqAttentionKind attention, bool inputFeeding, string[] names, int inputSize)
    {
        Seq2SeqModel model = Model(attention, inputFeeding: inputFeeding);
        var all = model.NamedParameters().Select(p => p.Key).ToList();
        Assert.All(names, name => Assert.Contains(name, all));
        Assert.Equal(inputSize, model.Decoder.Rnn.InputSize);
        Assert.Equal(attention == Seq2SeqAttentionKind.None, !all.Any(n => n.StartsWith("decoder.combine", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(Seq2SeqAttentionKind.Bahdanau, true, 2)]
    [InlineData(Seq2SeqAttentionKind.LuongGeneral, false, 3)]
    public void Shapes_FollowTheLegend(Seq2SeqAttentionKind attention, bool bidirectional, int layers)
    {
        Seq2SeqModel model = Model(attention, RecurrentCellKind.Lstm, bidirectional: bidirectional, layers: layers);
        Seq2SeqBatch batch = Batch();
        Seq2SeqEncoderOutput encoded = model.Encoder.Forward(batch.Source, batch.SourceLengths);
        int d = bidirectional ? 2 : 1;
        Assert.Equal(new[] { 4, 4, d * 4 }, encoded.Outputs.Shape.ToArray());
        Assert.Equal(new[] { layers, 4, 4 }, encoded.Hidden.Shape.ToArray());
        Assert.Equal(new[] { layers, 4, 4 }, encoded.Cell!.Shape.ToArray());
        // Outputs past each source's length are zero (packed-sequence semantics).
        Assert.All(encoded.Outputs.Select(0, 1).Narrow(0, 1, 3).ToArray(), v => Assert.Equal(0f, v));

        Seq2SeqOutput output = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput);
        Assert.Equal(new[] { 4, 4, 7 }, output.Logits.Shape.ToArray());
        Assert.Equal(new[] { 4, 4, 4 }, output.Attention!.Shape.ToArray());
    }

    [Theory]
    [MemberData(nameof(AttentionVariants), MemberType = typeof(Seq2SeqTestData))]
    public void AttentionMaps_SumToOneOverTheSourceAndAreZeroAtPadding(Seq2SeqAttentionKind attention, bool inputFeeding)
    {
        if (attention == Seq2SeqAttentionKind.None)
        {
            return;
        }
        Seq2SeqModel model = Model(attention, inputFeeding: inputFeeding);
        model.Eval();
        Seq2SeqBatch batch = Batch();
        Tensor maps = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, 0.5f, new RandomGenerator(1)).Attention!;
        IReadOnlyList<Seq2SeqHypothesis> decoded = model.BeamSearch(batch.Source, batch.SourceLengths, Bos, Eos, 2, 5);
        for (int n = 0; n < batch.Count; n++)
        {
            int length = batch.SourceLengths[n];
            for (int t = 0; t < maps.Size(1); t++)
            {
                AssertRow(At(maps, n, t), length);
            }
            for (int t = 0; t < decoded[n].Steps; t++)
            {
                AssertRow(decoded[n].Attention!.Select(0, t).ToArray(), length);
            }
        }

        static void AssertRow(float[] row, int length)
        {
            Assert.Equal(1.0, row.Take(length).Sum(v => (double)v), 1e-6);
            Assert.All(row.Take(length), v => Assert.True(v > 0f));
            Assert.All(row.Skip(length), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Seed_FixesTheModel()
    {
        float[] Weights(long seed) => [.. Model(Seq2SeqAttentionKind.Bahdanau, seed: seed).Parameters().SelectMany(p => p.ToArray())];
        Assert.Equal(Weights(4), Weights(4));
        Assert.NotEqual(Weights(4), Weights(5));
    }

    [Fact]
    public void Batch_PadsSourcesInputsAndLabels()
    {
        Seq2SeqBatch batch = Batch();
        Assert.Equal(new[] { 3, 1, 4, 2 }, batch.SourceLengths);
        Assert.Equal(new[] { 3, 4, 1, 2 }, batch.TargetLengths);
        Assert.Equal(new[] { 5, 0, 0, 0 }, Row(batch.Source, 1));
        Assert.Equal(new[] { Bos, 3, 6, Pad }, Row(batch.DecoderInput, 0));
        Assert.Equal(new[] { 3, 6, Eos, Pad }, Row(batch.Labels, 0));
        Assert.Equal(new[] { Bos, Pad, Pad, Pad }, Row(batch.DecoderInput, 2));
        Assert.Equal(new[] { Eos, Pad, Pad, Pad }, Row(batch.Labels, 2));

        static int[] Row(int[,] m, int r) => [.. Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c])];
    }

    [Fact]
    public void TrainingStep_LowersTheLoss()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral, RecurrentCellKind.Lstm);
        Seq2SeqBatch batch = Batch();
        var optimizer = new MLNet.Recurrent.Engine.Training.Adam(model.Parameters(), 0.05f);
        float first = Loss(model, batch).ToScalar();
        for (int step = 0; step < 30; step++)
        {
            optimizer.ZeroGrad();
            Loss(model, batch).Backward();
            optimizer.Step();
        }
        Assert.True(Loss(model, batch).ToScalar() < first / 4, "30 Adam steps should fit four pairs");
    }
}
