using System.Text.Json.Serialization;
using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The architecture and decoding settings of a sequence-to-sequence transformer, saved as JSON. Token ids: source key k
/// → id k (0 = padding and the missing key), V_src = SourceKeys + 1; target key k → id k, id 0 = padding,
/// BOS = TargetKeys + 1, EOS = TargetKeys + 2, V_tgt = TargetKeys + 3.
/// </summary>
internal sealed record SequenceToSequenceSpec
{
    /// <summary>The source key count.</summary>
    public required int SourceKeys { get; init; }

    /// <summary>C, the target key count.</summary>
    public required int TargetKeys { get; init; }

    /// <summary>E.</summary>
    public required int EmbeddingSize { get; init; }

    /// <summary>H.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Stacked layers in the encoder and the decoder.</summary>
    public required int NumberOfLayers { get; init; }

    /// <summary>The recurrent cell.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<RecurrentCellKind>))]
    public required RecurrentCellKind Cell { get; init; }

    /// <summary>The decoder's attention.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<RecurrentAttention>))]
    public required RecurrentAttention Attention { get; init; }

    /// <summary>Luong input feeding.</summary>
    public required bool InputFeeding { get; init; }

    /// <summary>Bidirectional encoder.</summary>
    public required bool Bidirectional { get; init; }

    /// <summary>Dropout in training.</summary>
    public required float Dropout { get; init; }

    /// <summary>Seeds the initial weights, dropout and teacher forcing.</summary>
    public required int Seed { get; init; }

    /// <summary>K (1: greedy).</summary>
    public required int BeamWidth { get; init; }

    /// <summary>α.</summary>
    public required float LengthPenalty { get; init; }

    /// <summary>The fixed maximum number of decoding steps, or null for the rule in <see cref="SequenceToSequenceOptions.MaximumOutputLength"/>.</summary>
    public int? MaximumOutputLength { get; init; }

    /// <summary>The longest target seen in training.</summary>
    public required int LongestTrainingTarget { get; init; }

    /// <summary>The begin-of-sequence id.</summary>
    [JsonIgnore]
    public int Bos => TargetKeys + 1;

    /// <summary>The end-of-sequence id.</summary>
    [JsonIgnore]
    public int Eos => TargetKeys + 2;

    /// <summary>The engine model's options.</summary>
    /// <returns>A new options object.</returns>
    public Seq2SeqOptions ToModelOptions() => new()
    {
        SourceVocabularySize = SourceKeys + 1,
        TargetVocabularySize = TargetKeys + 3,
        SourcePaddingIndex = 0,
        TargetPaddingIndex = 0,
        EmbeddingSize = EmbeddingSize,
        HiddenSize = HiddenSize,
        NumLayers = NumberOfLayers,
        Cell = Cell,
        Attention = Attention switch
        {
            RecurrentAttention.None => Seq2SeqAttentionKind.None,
            RecurrentAttention.Additive => Seq2SeqAttentionKind.Bahdanau,
            RecurrentAttention.Luong => Seq2SeqAttentionKind.LuongGeneral,
            _ => throw new ArgumentOutOfRangeException(nameof(Attention), Attention, $"Attention: expected None, Additive or Luong, got {Attention}."),
        },
        InputFeeding = InputFeeding,
        BidirectionalEncoder = Bidirectional,
        Dropout = Dropout,
        Seed = Seed,
    };

    /// <summary>The decoding steps allowed for a block whose longest source has <paramref name="longestSource"/> tokens.</summary>
    /// <param name="longestSource">S.</param>
    /// <returns>The maximum length.</returns>
    public int MaximumLength(int longestSource) => MaximumOutputLength ?? 1 + Math.Max(2 * LongestTrainingTarget, 2 * longestSource);
}
