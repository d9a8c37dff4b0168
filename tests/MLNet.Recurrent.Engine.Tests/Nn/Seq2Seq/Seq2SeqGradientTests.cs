using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using static MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq.Seq2SeqTestData;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>
/// Finite-difference checks of the gradient of the full teacher-forced loss (cross-entropy ignoring padding) with respect
/// to every parameter of tiny models: each attention kind with each cell, input feeding on and off, and a stacked
/// bidirectional encoder whose states are bridged. Default <see cref="GradientCheck"/> tolerances (atol 1e-3, rtol 5e-3).
/// RnnRelu is left out: steps of h = 1e-2 straddle its kinks.
/// </summary>
public class Seq2SeqGradientTests
{
    public static TheoryData<Seq2SeqAttentionKind, RecurrentCellKind, bool> Cases
    {
        get
        {
            var data = new TheoryData<Seq2SeqAttentionKind, RecurrentCellKind, bool>();
            foreach (Seq2SeqAttentionKind attention in Enum.GetValues<Seq2SeqAttentionKind>())
            {
                foreach (RecurrentCellKind cell in new[] { RecurrentCellKind.RnnTanh, RecurrentCellKind.Lstm, RecurrentCellKind.Gru })
                {
                    data.Add(attention, cell, true);
                }
            }
            data.Add(Seq2SeqAttentionKind.LuongGeneral, RecurrentCellKind.Gru, false);
            data.Add(Seq2SeqAttentionKind.LuongDot, RecurrentCellKind.Lstm, false);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LossGradient_MatchesFiniteDifferences(Seq2SeqAttentionKind attention, RecurrentCellKind cell, bool inputFeeding)
    {
        Seq2SeqModel model = Model(attention, cell, inputFeeding, hidden: 3);
        Seq2SeqBatch batch = Batch();
        GradientCheck.Assert(_ => [Loss(model, batch)], [], model.Parameters());
    }

    [Theory]
    [InlineData(RecurrentCellKind.Lstm, Seq2SeqAttentionKind.Bahdanau)]
    [InlineData(RecurrentCellKind.Gru, Seq2SeqAttentionKind.LuongGeneral)]
    public void LossGradient_BidirectionalStackedEncoder_MatchesFiniteDifferences(RecurrentCellKind cell, Seq2SeqAttentionKind attention)
    {
        Seq2SeqModel model = Model(attention, cell, bidirectional: true, layers: 2, hidden: 3);
        Assert.NotNull(model.Encoder.BridgeHidden);
        Assert.Equal(cell == RecurrentCellKind.Lstm, model.Encoder.BridgeCell is not null);
        Seq2SeqBatch batch = Batch();
        GradientCheck.Assert(_ => [Loss(model, batch)], [], model.Parameters(), new GradientCheckOptions { MaxElementsPerInput = 40 });
    }

    [Fact]
    public void LogitsAndAttentionGradient_MatchFiniteDifferences()
    {
        // Random upstream gradients on the logits and on the attention maps reach every parameter through both outputs.
        // Targets of equal length: a PAD decoder input would read the padding embedding, which by design gets no gradient.
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.Bahdanau, RecurrentCellKind.Gru, hidden: 3);
        Seq2SeqBatch batch = Seq2SeqBatch.Create([[3, 1, 4], [5], [2, 5, 1, 3]], [[3, 6], [4, 5], [6, 6]], Pad, Pad, Bos, Eos);
        GradientCheck.Assert(_ =>
        {
            Seq2SeqOutput output = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput);
            return [output.Logits, output.Attention!];
        }, [], model.Parameters());
    }

    [Fact]
    public void PaddingEmbeddings_GetNoGradient()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral);
        Loss(model, Batch()).Backward();
        foreach (Embedding embedding in new[] { model.Encoder.Embedding, model.Decoder.Embedding })
        {
            float[] row = embedding.Weight.Grad!.Select(0, Pad).ToArray();
            Assert.All(row, v => Assert.Equal(0f, v));
            Assert.Contains(embedding.Weight.Grad!.ToArray(), v => v != 0f);
        }
    }
}
