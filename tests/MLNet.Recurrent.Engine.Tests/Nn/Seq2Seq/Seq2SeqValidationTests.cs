using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using static MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq.Seq2SeqTestData;

namespace MLNet.Recurrent.Engine.Tests.Nn.Seq2Seq;

/// <summary>Every user input of the seq2seq API is checked in release builds, with messages naming the argument (and position) and saying expected vs actual.</summary>
public class Seq2SeqValidationTests
{
    public static TheoryData<string, Seq2SeqOptions> InvalidOptions => new()
    {
        { "SourceVocabularySize", new Seq2SeqOptions { SourceVocabularySize = 0, TargetVocabularySize = 7 } },
        { "TargetVocabularySize", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = -1 } },
        { "EmbeddingSize", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, EmbeddingSize = 0 } },
        { "HiddenSize", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, HiddenSize = 0 } },
        { "NumLayers", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, NumLayers = 0 } },
        { "AttentionSize", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, AttentionSize = 0 } },
        { "SourcePaddingIndex", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, SourcePaddingIndex = 6 } },
        { "TargetPaddingIndex", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, TargetPaddingIndex = -1 } },
        { "Cell", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, Cell = (RecurrentCellKind)9 } },
        { "Attention", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, Attention = (Seq2SeqAttentionKind)9 } },
        { "Dropout", new Seq2SeqOptions { SourceVocabularySize = 6, TargetVocabularySize = 7, Dropout = 1f } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Options_OutOfRange_NameTheOption(string name, Seq2SeqOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Seq2SeqModel(options));
        Assert.Equal(name, error.ParamName);
        Assert.StartsWith(name + ": expected", error.Message);
    }

    [Fact]
    public void LuongDot_WithBidirectionalEncoder_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Seq2SeqModel(new Seq2SeqOptions
        {
            SourceVocabularySize = 6, TargetVocabularySize = 7, Attention = Seq2SeqAttentionKind.LuongDot, BidirectionalEncoder = true,
        }));
        Assert.Contains("LuongDot needs encoder outputs of the decoder's size H=64", error.Message);
    }

    [Fact]
    public void TokenOutOfRange_NamesArgumentAndPosition()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral);
        Seq2SeqBatch batch = Batch();
        int[,] source = (int[,])batch.Source.Clone();
        source[2, 3] = 6;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(source, batch.SourceLengths, batch.DecoderInput));
        Assert.Equal("source", error.ParamName);
        Assert.Contains("expected a token id in [0, 5] (the source vocabulary) at source[2, 3], got 6", error.Message);

        int[,] target = (int[,])batch.DecoderInput.Clone();
        target[1, 0] = -1;
        error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(batch.Source, batch.SourceLengths, target));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("at target[1, 0], got -1", error.Message);
    }

    [Fact]
    public void Shapes_AreChecked()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral);
        Seq2SeqBatch batch = Batch();
        var error = Assert.Throws<TensorShapeException>(() => model.Forward(batch.Source, batch.SourceLengths, new int[3, 2]));
        Assert.Contains("target", error.Message);
        Assert.Contains("N=4", error.Message);
        Assert.Throws<TensorShapeException>(() => model.Forward(new int[0, 3], [], new int[0, 1]));
        Assert.Throws<ArgumentNullException>(() => model.Forward(null!, batch.SourceLengths, batch.DecoderInput));
    }

    [Theory]
    [InlineData(new[] { 3, 1, 5, 2 }, "lengths[2] in [1, S=4]")]
    [InlineData(new[] { 3, 0, 4, 2 }, "lengths[1] in [1, S=4]")]
    public void Lengths_OutOfRange_AreRejected(int[] lengths, string expected)
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral);
        Seq2SeqBatch batch = Batch();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(batch.Source, lengths, batch.DecoderInput));
        Assert.Contains(expected, error.Message);
        var count = Assert.Throws<ArgumentException>(() => model.GreedyDecode(batch.Source, [3, 1], Bos, Eos, 3));
        Assert.Contains("expected one length per sequence (N=4), got 2", count.Message);
    }

    [Fact]
    public void DecodingArguments_AreChecked()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.Bahdanau);
        var (source, lengths) = Sources();
        Assert.Equal("bos", Assert.Throws<ArgumentOutOfRangeException>(() => model.GreedyDecode(source, lengths, 7, Eos, 3)).ParamName);
        Assert.Equal("eos", Assert.Throws<ArgumentOutOfRangeException>(() => model.BeamSearch(source, lengths, Bos, -1, 2, 3)).ParamName);
        Assert.Equal("maxLength", Assert.Throws<ArgumentOutOfRangeException>(() => model.GreedyDecode(source, lengths, Bos, Eos, 0)).ParamName);
        Assert.Equal("beamWidth", Assert.Throws<ArgumentOutOfRangeException>(() => model.BeamSearch(source, lengths, Bos, Eos, 0, 3)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => model.BeamSearchNBest(source, lengths, Bos, Eos, 2, 3, 3)).ParamName);
        Assert.Equal("lengthPenalty", Assert.Throws<ArgumentOutOfRangeException>(() => model.BeamSearch(source, lengths, Bos, Eos, 2, 3, -0.5f)).ParamName);
        Assert.Equal("lengthPenalty", Assert.Throws<ArgumentOutOfRangeException>(() => model.BeamSearch(source, lengths, Bos, Eos, 2, 3, float.NaN)).ParamName);
        var ratio = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(source, lengths, new int[4, 2], 1.5f));
        Assert.Equal("teacherForcingRatio", ratio.ParamName);
    }

    [Fact]
    public void DecoderStep_ChecksItsInputs()
    {
        Seq2SeqModel model = Model(Seq2SeqAttentionKind.LuongGeneral);
        var (source, lengths) = Sources();
        Seq2SeqEncoderOutput encoded = model.Encoder.Forward(source, lengths);
        Seq2SeqDecoderState state = model.Decoder.InitialState(encoded);
        Assert.Contains("expected one token per row (N=4), got 3",
            Assert.Throws<ArgumentException>(() => model.Decoder.Step([1, 1, 1], state, encoded.Outputs, lengths)).Message);
        Assert.Contains("at previousTokens[2]",
            Assert.Throws<ArgumentOutOfRangeException>(() => model.Decoder.Step([1, 1, 9, 1], state, encoded.Outputs, lengths)).Message);
        Assert.Contains("encoderOutputs",
            Assert.Throws<TensorShapeException>(() => model.Decoder.Step([1, 1, 1, 1], state, encoded.Outputs.Narrow(2, 0, 2), lengths)).Message);
        Assert.Contains("state.Feed",
            Assert.Throws<TensorShapeException>(() => model.Decoder.Step([1, 1, 1, 1], state with { Feed = null }, encoded.Outputs, lengths)).Message);
    }

    [Fact]
    public void Batch_ChecksItsLists()
    {
        Assert.Contains("expected one target per source (N=2), got 1",
            Assert.Throws<ArgumentException>(() => Seq2SeqBatch.Create([[1], [2]], [[3]], Pad, Pad, Bos, Eos)).Message);
        Assert.Contains("an empty one at sources[1]",
            Assert.Throws<ArgumentException>(() => Seq2SeqBatch.Create([[1], []], [[3], [4]], Pad, Pad, Bos, Eos)).Message);
        Assert.Equal("sequences", Assert.Throws<ArgumentException>(() => Seq2SeqBatch.Pad([], Pad)).ParamName);
    }
}
