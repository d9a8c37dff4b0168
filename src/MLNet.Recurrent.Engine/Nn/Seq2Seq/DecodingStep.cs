namespace MLNet.Recurrent.Engine.Nn;

/// <summary>The values of one decoder step that searches read: log-probabilities and attention weights, row-major.</summary>
/// <param name="LogProbabilities">log_softmax(logits), R·V_tgt values.</param>
/// <param name="Attention">The attention weights, R·S values, or null without attention.</param>
/// <param name="Vocabulary">V_tgt.</param>
/// <param name="SourceLength">S.</param>
internal sealed record DecodingStep(float[] LogProbabilities, float[]? Attention, int Vocabulary, int SourceLength)
{
    /// <summary>Runs one decoder step (the caller holds a no-grad scope) and reads its values.</summary>
    public static (DecodingStep Values, Seq2SeqDecoderState State) Run(Seq2SeqDecoder decoder, ReadOnlySpan<int> tokens,
        Seq2SeqDecoderState state, Tensors.Tensor encoderOutputs, int[] sourceLengths)
    {
        Seq2SeqDecoderStep step = decoder.Step(tokens, state, encoderOutputs, sourceLengths);
        var values = new DecodingStep(step.Logits.LogSoftmax(1).ToArray(), step.Attention?.ToArray(), decoder.VocabularySize, encoderOutputs.Size(1));
        return (values, step.State);
    }

    /// <summary>The log-probabilities of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => LogProbabilities.AsSpan(row * Vocabulary, Vocabulary);

    /// <summary>A copy of the attention weights of row <paramref name="row"/>, or null.</summary>
    public float[]? AttentionRow(int row) => Attention?.AsSpan(row * SourceLength, SourceLength).ToArray();

    /// <summary>The first index of the largest log-probability of row <paramref name="row"/>.</summary>
    public int ArgMax(int row) => ArgMax(Row(row));

    /// <summary>The first index of the largest value.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int v = 1; v < values.Length; v++)
        {
            if (values[v] > values[best])
            {
                best = v;
            }
        }
        return best;
    }
}
