using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>Greedy decoding: at every step each sequence takes its most probable token, until EOS or the maximum length.</summary>
internal static class GreedySearch
{
    /// <summary>Decodes every source of <paramref name="encoded"/>; arguments are validated by the caller.</summary>
    public static IReadOnlyList<Seq2SeqHypothesis> Run(Seq2SeqDecoder decoder, Seq2SeqEncoderOutput encoded, int bos, int eos, int maxLength)
    {
        using var noGrad = GradMode.NoGrad();
        int batch = encoded.SourceLengths.Length, sourceLength = encoded.Outputs.Size(1);
        var tokens = new int[batch];
        Array.Fill(tokens, bos);
        var last = new DecodedPath?[batch];
        var logProbability = new double[batch];
        var finished = new bool[batch];
        int running = batch;
        Seq2SeqDecoderState state = decoder.InitialState(encoded);
        for (int t = 1; t <= maxLength && running > 0; t++)
        {
            (DecodingStep step, state) = DecodingStep.Run(decoder, tokens, state, encoded.Outputs, encoded.SourceLengths);
            for (int n = 0; n < batch; n++)
            {
                if (finished[n])
                {
                    continue;   // keeps feeding its EOS; the row's results are ignored
                }
                int token = step.ArgMax(n);
                logProbability[n] += step.Row(n)[token];
                last[n] = new DecodedPath(last[n], token, step.AttentionRow(n));
                tokens[n] = token;
                if (token == eos)
                {
                    finished[n] = true;
                    running--;
                }
            }
        }
        return [.. Enumerable.Range(0, batch).Select(n =>
            DecodedPath.ToHypothesis(last[n], finished[n], logProbability[n], logProbability[n], sourceLength))];
    }
}
