using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// One step of a decoded sequence, linked to the step before it: hypotheses that share a prefix share its nodes, so
/// extending a beam hypothesis costs O(1) instead of a copy of its history.
/// </summary>
/// <param name="parent">The previous step, or null at the first.</param>
/// <param name="token">The token generated at this step.</param>
/// <param name="attentionRow">The attention weights of this step (S values), or null without attention.</param>
internal sealed class DecodedPath(DecodedPath? parent, int token, float[]? attentionRow)
{
    /// <summary>The previous step, or null at the first.</summary>
    public DecodedPath? Parent { get; } = parent;

    /// <summary>The token generated at this step.</summary>
    public int Token { get; } = token;

    /// <summary>The attention weights of this step, or null.</summary>
    public float[]? AttentionRow { get; } = attentionRow;

    /// <summary>The number of steps from the first to this one.</summary>
    public int Steps { get; } = (parent?.Steps ?? 0) + 1;

    /// <summary>Assembles the hypothesis ending at <paramref name="last"/> (null: no step taken).</summary>
    /// <param name="last">The last step.</param>
    /// <param name="finished">Whether the last token is the EOS (it is then left out of the tokens).</param>
    /// <param name="logProbability">Σ log p over the steps.</param>
    /// <param name="score">The ranking score.</param>
    /// <param name="sourceLength">S, the width of the attention rows.</param>
    public static Seq2SeqHypothesis ToHypothesis(DecodedPath? last, bool finished, double logProbability, double score, int sourceLength)
    {
        int steps = last?.Steps ?? 0;
        var nodes = new DecodedPath[steps];
        for (DecodedPath? node = last; node is not null; node = node.Parent)
        {
            nodes[node.Steps - 1] = node;
        }
        int[] tokens = [.. nodes.Take(finished ? steps - 1 : steps).Select(n => n.Token)];
        Tensor? attention = null;
        if (steps > 0 && nodes[0].AttentionRow is not null)
        {
            var values = new float[steps * sourceLength];
            for (int t = 0; t < steps; t++)
            {
                nodes[t].AttentionRow!.CopyTo(values.AsSpan(t * sourceLength, sourceLength));
            }
            attention = Tensor.FromArray(values, steps, sourceLength);
        }
        return new Seq2SeqHypothesis(tokens, finished, logProbability, score, attention);
    }
}
