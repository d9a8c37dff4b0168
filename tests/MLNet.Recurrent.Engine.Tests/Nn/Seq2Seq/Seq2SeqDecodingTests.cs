using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using static MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq.Seq2SeqTestData;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>
/// Greedy decoding and beam search: width 1 equals greedy; an exhaustive beam equals brute-force enumeration of every
/// sequence up to the maximum length (top-1 and top-k, with and without length penalty); EOS ends a hypothesis; the
/// maximum length is respected; a batch decodes as its sources one by one. Scores agree to 1e-5.
/// </summary>
public class Seq2SeqDecodingTests
{
    private const double ScoreTolerance = 1e-5;

    public static TheoryData<Seq2SeqAttentionKind, bool, RecurrentCellKind> Variants
    {
        get
        {
            var data = new TheoryData<Seq2SeqAttentionKind, bool, RecurrentCellKind>();
            foreach (var row in AttentionVariants)
            {
                data.Add((Seq2SeqAttentionKind)row[0], (bool)row[1], RecurrentCellKind.Gru);
            }
            data.Add(Seq2SeqAttentionKind.Bahdanau, false, RecurrentCellKind.Lstm);
            data.Add(Seq2SeqAttentionKind.LuongGeneral, true, RecurrentCellKind.RnnRelu);
            return data;
        }
    }

    private static void AssertSame(Seq2SeqHypothesis expected, Seq2SeqHypothesis actual)
    {
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.Finished, actual.Finished);
        Assert.Equal(expected.LogProbability, actual.LogProbability, ScoreTolerance);
        Assert.Equal(expected.Score, actual.Score, ScoreTolerance);
        Assert.Equal(expected.Attention is null, actual.Attention is null);
        if (expected.Attention is not null)
        {
            Testing.TensorAssert.Close(expected.Attention, actual.Attention!, 1e-5, 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void BeamWidthOne_EqualsGreedy(Seq2SeqAttentionKind attention, bool inputFeeding, RecurrentCellKind cell)
    {
        Seq2SeqModel model = Model(attention, cell, inputFeeding, seed: 11);
        model.Eval();
        var (source, lengths) = Sources();
        IReadOnlyList<Seq2SeqHypothesis> greedy = model.GreedyDecode(source, lengths, Bos, Eos, maxLength: 6);
        IReadOnlyList<Seq2SeqHypothesis> beam = model.BeamSearch(source, lengths, Bos, Eos, beamWidth: 1, maxLength: 6);
        Assert.Equal(lengths.Length, greedy.Count);
        for (int n = 0; n < greedy.Count; n++)
        {
            AssertSame(greedy[n], beam[n]);
            Assert.Equal(greedy[n].LogProbability, greedy[n].Score);
        }
    }

    /// <summary>Every sequence of at most <paramref name="maxLength"/> steps — ending in EOS, or cut at the maximum length — with its log-probability, scored by teacher forcing.</summary>
    private static List<(int[] Tokens, bool Finished, double LogProbability)> Enumerate(Seq2SeqModel model, int[,] source, int[] lengths, int row, int maxLength)
    {
        int vocabulary = model.Options.TargetVocabularySize;
        var sequences = new List<int[]> { Array.Empty<int>() };
        var all = new List<int[]>();
        for (int m = 1; m <= maxLength; m++)
        {
            var longer = new List<int[]>();
            foreach (int[] prefix in sequences)
            {
                for (int v = 0; v < vocabulary; v++)
                {
                    int[] sequence = [.. prefix, v];
                    if (v == Eos || m == maxLength)
                    {
                        all.Add(sequence);
                    }
                    else
                    {
                        longer.Add(sequence);
                    }
                }
            }
            sequences = longer;
        }

        var result = new List<(int[], bool, double)>();
        using var noGrad = GradMode.NoGrad();
        int sourceLength = source.GetLength(1);
        foreach (int[] sequence in all)
        {
            var one = new int[1, sourceLength];
            for (int s = 0; s < sourceLength; s++)
            {
                one[0, s] = source[row, s];
            }
            var input = new int[1, sequence.Length];
            input[0, 0] = Bos;
            for (int t = 1; t < sequence.Length; t++)
            {
                input[0, t] = sequence[t - 1];
            }
            Tensor logp = model.Forward(one, [lengths[row]], input).Logits.LogSoftmax(2);
            double sum = 0;
            for (int t = 0; t < sequence.Length; t++)
            {
                sum += logp[0, t, sequence[t]];
            }
            bool finished = sequence[^1] == Eos;
            result.Add((finished ? sequence[..^1] : sequence, finished, sum));
        }
        return result;
    }

    private static double Penalty(int steps, double alpha) => Math.Pow((5.0 + steps) / 6.0, alpha);

    [Theory]
    [InlineData(Seq2SeqAttentionKind.Bahdanau, 0f)]
    [InlineData(Seq2SeqAttentionKind.LuongGeneral, 0f)]
    [InlineData(Seq2SeqAttentionKind.None, 0f)]
    [InlineData(Seq2SeqAttentionKind.LuongDot, 0.8f)]
    [InlineData(Seq2SeqAttentionKind.Bahdanau, 2f)]
    public void ExhaustiveBeam_EqualsBruteForce(Seq2SeqAttentionKind attention, float alpha)
    {
        // V = 4 (PAD, BOS, EOS, one word) and 3 steps: at most 3³ = 27 non-EOS extensions per step, so a beam of 27
        // never stops its walk before the last candidate and prunes nothing.
        const int maxLength = 3, width = 27, count = 5;
        Seq2SeqModel model = Model(attention, targetVocabulary: 4, seed: 21);
        model.Eval();
        var (source, lengths) = Sources();
        IReadOnlyList<IReadOnlyList<Seq2SeqHypothesis>> beams = model.BeamSearchNBest(source, lengths, Bos, Eos, width, maxLength, count, alpha);
        for (int n = 0; n < lengths.Length; n++)
        {
            var expected = Enumerate(model, source, lengths, n, maxLength)
                .Select(h => (h.Tokens, h.Finished, h.LogProbability, Score: h.LogProbability / Penalty(h.Tokens.Length + (h.Finished ? 1 : 0), alpha)))
                .OrderByDescending(h => h.Score)
                .Take(count)
                .ToList();
            Assert.Equal(count, beams[n].Count);
            for (int k = 0; k < count; k++)
            {
                Assert.Equal(expected[k].Tokens, beams[n][k].Tokens);
                Assert.Equal(expected[k].Finished, beams[n][k].Finished);
                Assert.Equal(expected[k].LogProbability, beams[n][k].LogProbability, ScoreTolerance);
                Assert.Equal(expected[k].Score, beams[n][k].Score, ScoreTolerance);
            }
            Assert.Equal(beams[n][0].Tokens, model.BeamSearch(source, lengths, Bos, Eos, width, maxLength, alpha)[n].Tokens);
        }
    }

    [Fact]
    public void NarrowBeam_ScoresItsResultLikeTeacherForcing()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.Bahdanau, targetVocabulary: 5, seed: 4);
        model.Eval();
        var (source, lengths) = Sources();
        IReadOnlyList<Seq2SeqHypothesis> beams = model.BeamSearch(source, lengths, Bos, Eos, beamWidth: 2, maxLength: 3);
        for (int n = 0; n < lengths.Length; n++)
        {
            var match = Enumerate(model, source, lengths, n, 3).Single(h => h.Tokens.SequenceEqual(beams[n].Tokens) && h.Finished == beams[n].Finished);
            Assert.Equal(match.LogProbability, beams[n].LogProbability, ScoreTolerance);
        }
    }

    /// <summary>Biases the output layer towards (positive) or away from (negative) EOS.</summary>
    private static Seq2SeqModel BiasedModel(float eosBias, Seq2SeqAttentionKind attention = Seq2SeqAttentionKind.LuongGeneral)
    {
        Seq2SeqModel model = Model(attention, seed: 8);
        model.Decoder.Output.BiasParameter!.Span[Eos] = eosBias;
        model.Eval();
        return model;
    }

    [Theory]
    [InlineData(Seq2SeqAttentionKind.LuongGeneral)]
    [InlineData(Seq2SeqAttentionKind.None)]
    public void Eos_EndsTheHypothesis(Seq2SeqAttentionKind attention)
    {
        Seq2SeqModel model = BiasedModel(50f, attention);
        var (source, lengths) = Sources();
        foreach (Seq2SeqHypothesis h in model.GreedyDecode(source, lengths, Bos, Eos, 5).Concat(model.BeamSearch(source, lengths, Bos, Eos, 3, 5)))
        {
            Assert.Empty(h.Tokens);
            Assert.True(h.Finished);
            Assert.Equal(1, h.Steps);
            Assert.Equal(attention == Seq2SeqAttentionKind.None, h.Attention is null);
            if (h.Attention is not null)
            {
                Assert.Equal(new[] { 1, 4 }, h.Attention.Shape.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void MaxLength_IsRespected(int maxLength)
    {
        Seq2SeqModel model = BiasedModel(-50f);
        var (source, lengths) = Sources();
        foreach (Seq2SeqHypothesis h in model.GreedyDecode(source, lengths, Bos, Eos, maxLength).Concat(model.BeamSearch(source, lengths, Bos, Eos, 3, maxLength)))
        {
            Assert.Equal(maxLength, h.Tokens.Length);
            Assert.False(h.Finished);
            Assert.DoesNotContain(Eos, h.Tokens);
            Assert.Equal(new[] { maxLength, 4 }, h.Attention!.Shape.ToArray());
        }
    }

    [Theory]
    [InlineData(Seq2SeqAttentionKind.Bahdanau, RecurrentCellKind.Lstm)]
    [InlineData(Seq2SeqAttentionKind.LuongGeneral, RecurrentCellKind.Gru)]
    public void Batch_DecodesLikeEachSourceAlone(Seq2SeqAttentionKind attention, RecurrentCellKind cell)
    {
        // Sources finish at different steps and hold different beam counts; rows must not leak into each other.
        Seq2SeqModel model = Model(attention, cell, seed: 13, targetVocabulary: 5);
        model.Eval();
        var (source, lengths) = Sources();
        IReadOnlyList<Seq2SeqHypothesis> greedy = model.GreedyDecode(source, lengths, Bos, Eos, 6);
        IReadOnlyList<IReadOnlyList<Seq2SeqHypothesis>> beams = model.BeamSearchNBest(source, lengths, Bos, Eos, 3, 6, 3, 0.5f);
        for (int n = 0; n < lengths.Length; n++)
        {
            int[,] one = new int[1, lengths[n]];
            for (int s = 0; s < lengths[n]; s++)
            {
                one[0, s] = source[n, s];
            }
            Seq2SeqHypothesis alone = model.GreedyDecode(one, [lengths[n]], Bos, Eos, 6)[0];
            Assert.Equal(alone.Tokens, greedy[n].Tokens);
            Assert.Equal(alone.LogProbability, greedy[n].LogProbability, ScoreTolerance);
            IReadOnlyList<Seq2SeqHypothesis> beamAlone = model.BeamSearchNBest(one, [lengths[n]], Bos, Eos, 3, 6, 3, 0.5f)[0];
            Assert.Equal(beamAlone.Count, beams[n].Count);
            for (int k = 0; k < beamAlone.Count; k++)
            {
                Assert.Equal(beamAlone[k].Tokens, beams[n][k].Tokens);
                Assert.Equal(beamAlone[k].Score, beams[n][k].Score, ScoreTolerance);
            }
        }
    }

    [Fact]
    public void Decoding_RecordsNoGradients()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.Bahdanau);
        var (source, lengths) = Sources();
        Seq2SeqHypothesis h = model.BeamSearch(source, lengths, Bos, Eos, 2, 4)[0];
        Assert.False(h.Attention!.RequiresGrad);
        Assert.True(GradMode.IsEnabled);
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }
}
