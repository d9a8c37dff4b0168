using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The masking step every attention layer shares. Scores e have shape (N, …, T, S): batch first, source positions
/// last. Lengths and key padding masks (N, S) are read as (N, 1, …, 1, S), so they apply to every query; masked
/// scores become −∞, and the softmax over S then gives them weight exactly 0.
/// </summary>
internal static class AttentionScores
{
    /// <summary>Sets e[n, …, j] = −∞ for j ≥ lengths[n]; returns the scores unchanged when there are no lengths.</summary>
    /// <exception cref="ArgumentException">lengths does not hold N values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, S].</exception>
    public static Tensor MaskLengths(Tensor scores, int[]? lengths, string paramName = "lengths", string sourceLabel = "S")
    {
        if (lengths is null)
        {
            return scores;
        }
        int batch = scores.Size(0), source = scores.Size(-1);
        return AttentionMask.Lengths(lengths, batch, source, paramName, sourceLabel).ApplyTo(scores, KeyPaddingView(scores.Rank, batch, source));
    }

    /// <summary>
    /// The attention weights α = softmax(e) over S after masking: first the lengths, then <paramref name="mask"/> read
    /// as <paramref name="maskView"/> (from <see cref="SourceMaskView"/>).
    /// </summary>
    public static Tensor Weights(Tensor scores, int[]? lengths, AttentionMask? mask, int[]? maskView, string sourceLabel = "S")
    {
        scores = MaskLengths(scores, lengths, sourceLabel: sourceLabel);
        return (mask is null ? scores : mask.ApplyTo(scores, maskView!)).Softmax(-1);
    }

    /// <summary>(N, 1, …, 1, S) of rank <paramref name="rank"/>: how a (N, S) mask lines up with the scores.</summary>
    public static int[] KeyPaddingView(int rank, int batch, int source)
    {
        var view = new int[rank];
        view.AsSpan().Fill(1);
        view[0] = batch;
        view[^1] = source;
        return view;
    }

    /// <summary>
    /// Checks a source mask for scores (N, T, S) and returns how it lines up with them: a key padding mask (N, S) →
    /// (N, 1, S); when <paramref name="perQuery"/>, also a full (N, T, S) mask, as is. Messages call S
    /// <paramref name="sourceLabel"/>.
    /// </summary>
    /// <exception cref="TensorShapeException">The mask has another shape.</exception>
    public static int[] SourceMaskView(AttentionMask mask, string paramName, int batch, int queries, int source, bool perQuery, string sourceLabel = "S")
    {
        if (mask.HasShape(batch, source))
        {
            return [batch, 1, source];
        }
        if (perQuery && mask.HasShape(batch, queries, source))
        {
            return [batch, queries, source];
        }
        string expected = $"(N={batch}, {sourceLabel}={source})" + (perQuery ? $" or (N={batch}, T={queries}, {sourceLabel}={source})" : "");
        throw new TensorShapeException(paramName, expected, ShapeText.Format(mask.Shape));
    }
}
