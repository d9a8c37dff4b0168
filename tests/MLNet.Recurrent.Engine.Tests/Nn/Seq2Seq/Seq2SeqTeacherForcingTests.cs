using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using static MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq.Seq2SeqTestData;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>
/// <see cref="Seq2SeqModel.Forward"/> against a manual loop of <see cref="Seq2SeqDecoder.Step"/>: ratio 1 feeds only
/// the ground truth (also through the all-steps-at-once path of Luong without input feeding and of no attention),
/// ratio 0 only the model's own argmax, and ratios in between are seeded and reproducible. Tolerance 1e-5 (the
/// all-at-once path sums in another order).
/// </summary>
public class Seq2SeqTeacherForcingTests
{
    /// <summary>Steps the decoder by hand, choosing each input token with <paramref name="next"/>(t, n, previous logits).</summary>
    private static (Tensor Logits, Tensor? Attention) Manual(Seq2SeqModel model, Seq2SeqBatch batch, Func<int, int, float[]?, int> next)
    {
        using var noGrad = GradMode.NoGrad();
        Seq2SeqEncoderOutput encoded = model.Encoder.Forward(batch.Source, batch.SourceLengths);
        Seq2SeqDecoderState state = model.Decoder.InitialState(encoded);
        int rows = batch.Count, steps = batch.DecoderInput.GetLength(1);
        var logits = new List<Tensor>();
        var attention = new List<Tensor>();
        for (int t = 0; t < steps; t++)
        {
            int[] tokens = [.. Enumerable.Range(0, rows).Select(n => next(t, n, t == 0 ? null : logits[t - 1].Select(0, n).ToArray()))];
            Seq2SeqDecoderStep step = model.Decoder.Step(tokens, state, encoded.Outputs, encoded.SourceLengths);
            logits.Add(step.Logits);
            if (step.Attention is not null)
            {
                attention.Add(step.Attention);
            }
            state = step.State;
        }
        return (Tensor.Stack(logits, 1), attention.Count == 0 ? null : Tensor.Stack(attention, 1));
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());

    [Theory]
    [MemberData(nameof(AttentionVariants), MemberType = typeof(Seq2SeqTestData))]
    public void RatioOne_EqualsStepByStepWithGroundTruth(Seq2SeqAttentionKind attention, bool inputFeeding)
    {
        Seq2SeqModel model = Model(attention, inputFeeding: inputFeeding);
        Seq2SeqBatch batch = Batch();
        Seq2SeqOutput output = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, teacherForcingRatio: 1f);
        var (logits, weights) = Manual(model, batch, (t, n, _) => batch.DecoderInput[n, t]);

        TensorAssert.Close(logits, output.Logits, 1e-5, 1e-6);
        Assert.Equal(attention == Seq2SeqAttentionKind.None, output.Attention is null);
        if (weights is not null)
        {
            TensorAssert.Close(weights, output.Attention!, 1e-5, 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(AttentionVariants), MemberType = typeof(Seq2SeqTestData))]
    public void RatioZero_FeedsTheArgMaxOfThePreviousStep(Seq2SeqAttentionKind attention, bool inputFeeding)
    {
        Seq2SeqModel model = Model(attention, RecurrentCellKind.Lstm, inputFeeding);
        Seq2SeqBatch batch = Batch();
        Seq2SeqOutput output = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, teacherForcingRatio: 0f);
        var (logits, _) = Manual(model, batch, (t, n, previous) => t == 0 ? batch.DecoderInput[n, 0] : ArgMax(previous!));
        TensorAssert.Close(logits, output.Logits, 1e-6, 1e-7);

        // The ground truth after BOS is never read.
        int[,] scrambled = (int[,])batch.DecoderInput.Clone();
        for (int n = 0; n < batch.Count; n++)
        {
            for (int t = 1; t < scrambled.GetLength(1); t++)
            {
                scrambled[n, t] = (scrambled[n, t] + 3) % 7;
            }
        }
        Seq2SeqOutput again = model.Forward(batch.Source, batch.SourceLengths, scrambled, teacherForcingRatio: 0f);
        Assert.Equal(output.Logits.ToArray(), again.Logits.ToArray());
    }

    [Fact]
    public void RatioOne_DoesNotDependOnTheModelsPredictions()
    {
        // Changing one ground-truth input changes the logits from that step on, and never before.
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.Bahdanau);
        Seq2SeqBatch batch = Batch();
        int[,] changed = (int[,])batch.DecoderInput.Clone();
        changed[1, 2] = (changed[1, 2] + 1) % 7;
        Tensor before = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput).Logits;
        Tensor after = model.Forward(batch.Source, batch.SourceLengths, changed).Logits;
        for (int t = 0; t < 4; t++)
        {
            bool same = At(before, 1, t).SequenceEqual(At(after, 1, t));
            Assert.Equal(t < 2, same);
            Assert.Equal(At(before, 0, t), At(after, 0, t));
        }
    }

    [Fact]
    public void IntermediateRatio_IsReproducibleWithASeededGenerator()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral, targetVocabulary: 7);
        Seq2SeqBatch batch = Batch();
        float[] first = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, 0.5f, new RandomGenerator(9)).Logits.ToArray();
        float[] second = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, 0.5f, new RandomGenerator(9)).Logits.ToArray();
        Assert.Equal(first, second);

        // Each (sequence, step ≥ 1) draws once: with the same coins the manual loop reproduces the mixture.
        var coins = new RandomGenerator(9);
        var (manual, _) = Manual(model, batch, (t, n, previous) =>
            t == 0 || coins.NextSingle() < 0.5f ? batch.DecoderInput[n, t] : ArgMax(previous!));
        TensorAssert.Close(manual, Tensor.FromArray(first, manual.Shape.ToArray()), 1e-6, 1e-7);
    }

    [Fact]
    public void DefaultGenerator_IsSeededByTheOptions()
    {
        Seq2SeqBatch batch = Batch();
        float[] a = Model(Seq2SeqAttentionKind.LuongDot, seed: 3).Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, 0.3f).Logits.ToArray();
        float[] b = Model(Seq2SeqAttentionKind.LuongDot, seed: 3).Forward(batch.Source, batch.SourceLengths, batch.DecoderInput, 0.3f).Logits.ToArray();
        Assert.Equal(a, b);
    }
}
