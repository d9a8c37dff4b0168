using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// N feature sequences padded into the time-major layout the recurrent layers read: token indices (L, N) or
/// standardised feature values (L, N, F), with each sequence's length. Padding is index 0 or zeros; the layers skip
/// padded steps (packed-sequence semantics).
/// </summary>
internal sealed class SequenceBatch
{
    private SequenceBatch(int steps, int[] lengths, int[]? tokens, Tensor? values)
    {
        Steps = steps;
        Lengths = lengths;
        Tokens = tokens;
        Values = values;
    }

    /// <summary>L, the longest length in the batch.</summary>
    public int Steps { get; }

    /// <summary>N.</summary>
    public int Count => Lengths.Length;

    /// <summary>N lengths, each in [1, L].</summary>
    public int[] Lengths { get; }

    /// <summary>(L, N) token indices, row-major (step t of sequence n at t·N + n), or null.</summary>
    public int[]? Tokens { get; }

    /// <summary>(L, N, F) feature values, or null.</summary>
    public Tensor? Values { get; }

    /// <summary>Pads <paramref name="rows"/> into a batch.</summary>
    /// <param name="rows">At least one sequence, all of the same kind.</param>
    /// <param name="scaling">The standardisation of feature values (null for tokens).</param>
    /// <returns>The batch.</returns>
    public static SequenceBatch Collate(IReadOnlyList<FeatureSequence> rows, FeatureScaling? scaling)
    {
        int batch = rows.Count;
        var lengths = new int[batch];
        for (int n = 0; n < batch; n++)
        {
            lengths[n] = rows[n].Length;
        }

        int steps = lengths.Max();
        if (rows[0].Tokens is not null)
        {
            var tokens = new int[steps * batch];
            for (int n = 0; n < batch; n++)
            {
                int[] source = rows[n].Tokens!;
                for (int t = 0; t < source.Length; t++)
                {
                    tokens[t * batch + n] = source[t];
                }
            }

            return new SequenceBatch(steps, lengths, tokens, null);
        }

        int features = rows[0].Values!.Length / rows[0].Length;
        var values = new float[steps * batch * features];
        for (int n = 0; n < batch; n++)
        {
            float[] source = rows[n].Values!;
            for (int t = 0; t < rows[n].Length; t++)
            {
                Span<float> step = values.AsSpan((t * batch + n) * features, features);
                source.AsSpan(t * features, features).CopyTo(step);
                scaling?.Standardize(step);
            }
        }

        return new SequenceBatch(steps, lengths, null, Tensor.FromArray(values, steps, batch, features));
    }
}
