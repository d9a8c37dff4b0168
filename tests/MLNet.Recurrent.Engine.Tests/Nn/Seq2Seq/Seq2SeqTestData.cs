using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>Tiny seq2seq models and token batches shared by the seq2seq tests.</summary>
internal static class Seq2SeqTestData
{
    /// <summary>Target vocabulary conventions of the tests: PAD 0, BOS 1, EOS 2.</summary>
    public const int Pad = 0, Bos = 1, Eos = 2;

    /// <summary>A small model: V_src 6, V_tgt 7, E 3, H 4 unless overridden.</summary>
    public static Seq2SeqModel Model(Seq2SeqAttentionKind attention, RecurrentCellKind cell = RecurrentCellKind.Gru, bool inputFeeding = true,
        bool bidirectional = false, int layers = 1, long seed = 5, int targetVocabulary = 7, int hidden = 4)
        => new(new Seq2SeqOptions
        {
            SourceVocabularySize = 6,
            TargetVocabularySize = targetVocabulary,
            SourcePaddingIndex = Pad,
            TargetPaddingIndex = Pad,
            EmbeddingSize = 3,
            HiddenSize = hidden,
            NumLayers = layers,
            Cell = cell,
            Attention = attention,
            InputFeeding = inputFeeding,
            BidirectionalEncoder = bidirectional,
            AttentionSize = 5,
            Seed = seed,
        });

    /// <summary>Every attention kind with the options that change the decoder's wiring.</summary>
    public static TheoryData<Seq2SeqAttentionKind, bool> AttentionVariants => new()
    {
        { Seq2SeqAttentionKind.None, false },
        { Seq2SeqAttentionKind.Bahdanau, false },
        { Seq2SeqAttentionKind.LuongDot, false },
        { Seq2SeqAttentionKind.LuongDot, true },
        { Seq2SeqAttentionKind.LuongGeneral, false },
        { Seq2SeqAttentionKind.LuongGeneral, true },
    };

    /// <summary>Sources of lengths 3, 1, 4 and 2 (N = 4, S = 4), padded with PAD.</summary>
    public static (int[,] Source, int[] Lengths) Sources()
    {
        int[][] rows = [[3, 1, 4], [5], [2, 5, 1, 3], [4, 4]];
        var (source, lengths) = Seq2SeqBatch.Pad(rows, Pad);
        return (source, lengths);
    }

    /// <summary>A batch for the sources of <see cref="Sources"/> with targets of lengths 2, 3, 0 and 1 (T = 4).</summary>
    public static Seq2SeqBatch Batch()
    {
        int[][] sources = [[3, 1, 4], [5], [2, 5, 1, 3], [4, 4]];
        int[][] targets = [[3, 6], [4, 5, 3], [], [6]];
        return Seq2SeqBatch.Create(sources, targets, Pad, Pad, Bos, Eos);
    }

    /// <summary>The teacher-forced mean cross-entropy of a batch, ignoring PAD labels.</summary>
    public static Tensor Loss(Seq2SeqModel model, Seq2SeqBatch batch)
    {
        Seq2SeqOutput output = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput);
        return new CrossEntropyLoss(ignoreIndex: Pad).Forward(output.Logits.Reshape(-1, model.Options.TargetVocabularySize), Flat(batch.Labels));
    }

    /// <summary>A token matrix in row-major order.</summary>
    public static int[] Flat(int[,] tokens) => [.. tokens.Cast<int>()];

    /// <summary>Row <paramref name="n"/> of an (N, T, ·) tensor at step <paramref name="t"/>, as floats.</summary>
    public static float[] At(Tensor tensor, int n, int t) => tensor.Select(0, n).Select(0, t).ToArray();
}
