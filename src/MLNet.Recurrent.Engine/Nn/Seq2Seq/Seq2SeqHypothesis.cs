using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>A decoded target sequence.</summary>
/// <param name="Tokens">The generated token ids, without BOS and without the final EOS.</param>
/// <param name="Finished">True when decoding ended by emitting EOS; false when it reached the maximum length first.</param>
/// <param name="LogProbability">log P(Y | X) = Σ_t log p(y_t | y_&lt;t, X) over the generated tokens, the EOS included when <paramref name="Finished"/>.</param>
/// <param name="Score">The score beam search ranks by: <paramref name="LogProbability"/> / lp(|Y|), with |Y| the number of
/// decoding steps (tokens plus the EOS) and lp the length penalty; equal to <paramref name="LogProbability"/> without a
/// length penalty and for greedy decoding.</param>
/// <param name="Attention">The attention weights of every decoding step, (|Y|, S) with S the padded source length
/// (0 at padded positions); null without attention.</param>
public sealed record Seq2SeqHypothesis(int[] Tokens, bool Finished, double LogProbability, double Score, Tensor? Attention)
{
    /// <summary>|Y|: the number of decoding steps, <c>Tokens.Length</c> plus 1 when <see cref="Finished"/>.</summary>
    public int Steps => Tokens.Length + (Finished ? 1 : 0);
}
