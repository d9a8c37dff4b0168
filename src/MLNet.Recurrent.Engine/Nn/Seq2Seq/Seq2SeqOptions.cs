using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The architecture of a <see cref="Seq2SeqModel"/>. Every property but the vocabulary sizes has a default;
/// <see cref="Validate"/> checks them all (the model's constructor calls it).
/// </summary>
/// <remarks>
/// Sizes in the legend of <see cref="Seq2SeqModel"/>: V_src = <see cref="SourceVocabularySize"/>, V_tgt =
/// <see cref="TargetVocabularySize"/>, E = <see cref="EmbeddingSize"/>, H = <see cref="HiddenSize"/>, D = 2 with a
/// bidirectional encoder else 1.
/// </remarks>
public sealed class Seq2SeqOptions
{
    /// <summary>V_src: token ids of the source are in [0, V_src). Required.</summary>
    public required int SourceVocabularySize { get; init; }

    /// <summary>V_tgt: token ids of the target (including BOS, EOS and padding) are in [0, V_tgt). Required.</summary>
    public required int TargetVocabularySize { get; init; }

    /// <summary>The source padding id: its embedding stays zero and gets no gradient; null for none. Default null.</summary>
    public int? SourcePaddingIndex { get; init; }

    /// <summary>The target padding id: its embedding stays zero and gets no gradient; null for none. Default null.</summary>
    public int? TargetPaddingIndex { get; init; }

    /// <summary>E: features of the source and target embeddings. Default 32.</summary>
    public int EmbeddingSize { get; init; } = 32;

    /// <summary>H: hidden features of the encoder (per direction) and of the decoder. Default 64.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Stacked recurrent layers, in the encoder and in the decoder. Default 1.</summary>
    public int NumLayers { get; init; } = 1;

    /// <summary>The recurrent cell of the encoder and the decoder. Default <see cref="RecurrentCellKind.Gru"/>.</summary>
    public RecurrentCellKind Cell { get; init; } = RecurrentCellKind.Gru;

    /// <summary>The decoder's attention over the encoder outputs. Default <see cref="Seq2SeqAttentionKind.LuongGeneral"/>.</summary>
    public Seq2SeqAttentionKind Attention { get; init; } = Seq2SeqAttentionKind.LuongGeneral;

    /// <summary>A: features inside the tanh of <see cref="Seq2SeqAttentionKind.Bahdanau"/> attention; null for H. Ignored by the other kinds. Default null.</summary>
    public int? AttentionSize { get; init; }

    /// <summary>
    /// Luong input feeding: the previous attentional state h̃_{t−1} is concatenated to the decoder's input embedding, so
    /// the decoder knows what it attended to before. Ignored without Luong attention (Bahdanau attention always feeds its
    /// context). Without it, teacher-forced training runs the decoder over all steps at once, which is much faster. Default true.
    /// </summary>
    public bool InputFeeding { get; init; } = true;

    /// <summary>Whether the encoder also reads the source backwards (D = 2); its final states are bridged to the decoder's size. Default false.</summary>
    public bool BidirectionalEncoder { get; init; }

    /// <summary>Dropout probability (training mode) on the embeddings, between stacked recurrent layers and before the output projection. Default 0.</summary>
    public float Dropout { get; init; }

    /// <summary>Seeds the initialisation of every parameter, the dropout masks and the teacher-forcing coin. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>D: 2 with a bidirectional encoder, else 1.</summary>
    public int EncoderDirections => BidirectionalEncoder ? 2 : 1;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, a padding index is outside its vocabulary, an enum is not a defined value, or dropout is outside [0, 1); the message names the option.</exception>
    /// <exception cref="ArgumentException"><see cref="Seq2SeqAttentionKind.LuongDot"/> with a bidirectional encoder (the dot score needs keys of the decoder's size H, but the encoder outputs have 2·H features).</exception>
    public void Validate()
    {
        Positive(SourceVocabularySize, nameof(SourceVocabularySize), "a positive source vocabulary size V_src");
        Positive(TargetVocabularySize, nameof(TargetVocabularySize), "a positive target vocabulary size V_tgt");
        Positive(EmbeddingSize, nameof(EmbeddingSize), "a positive embedding size E");
        Positive(HiddenSize, nameof(HiddenSize), "a positive hidden size H");
        Positive(NumLayers, nameof(NumLayers), "at least 1 layer");
        if (AttentionSize is int size)
        {
            Positive(size, nameof(AttentionSize), "null or a positive attention size A");
        }
        Padding(SourcePaddingIndex, SourceVocabularySize, nameof(SourcePaddingIndex));
        Padding(TargetPaddingIndex, TargetVocabularySize, nameof(TargetPaddingIndex));
        if (!Enum.IsDefined(Cell))
        {
            ThrowHelper.OutOfRange(nameof(Cell), Cell, "a defined RecurrentCellKind");
        }
        if (!Enum.IsDefined(Attention))
        {
            ThrowHelper.OutOfRange(nameof(Attention), Attention, "a defined Seq2SeqAttentionKind");
        }
        if (!(Dropout >= 0f && Dropout < 1f))
        {
            ThrowHelper.OutOfRange(nameof(Dropout), Dropout, "a probability in [0, 1)");
        }
        if (Attention == Seq2SeqAttentionKind.LuongDot && BidirectionalEncoder)
        {
            ThrowHelper.Argument(nameof(Attention), $"LuongDot needs encoder outputs of the decoder's size H={HiddenSize}, but a bidirectional encoder gives 2·H={2 * HiddenSize}; use LuongGeneral or Bahdanau.");
        }
    }

    private static void Positive(int value, string name, string expected)
    {
        if (value < 1)
        {
            ThrowHelper.OutOfRange(name, value, expected);
        }
    }

    private static void Padding(int? index, int vocabulary, string name)
    {
        if (index is int p && (p < 0 || p >= vocabulary))
        {
            ThrowHelper.OutOfRange(name, p, $"null or a token id in [0, {vocabulary - 1}]");
        }
    }
}
