namespace MLNet.Recurrent.Transforms;

/// <summary>
/// One row's feature sequence as the networks read it: L steps of token indices (embedding rows: key k → row k, so
/// the missing key 0 is the zero padding row) or of F feature values each, step after step.
/// </summary>
internal sealed class FeatureSequence
{
    private FeatureSequence(int length, int[]? tokens, float[]? values)
    {
        Length = length;
        Tokens = tokens;
        Values = values;
    }

    /// <summary>L, the number of steps (≥ 1: an empty row is read as one padding step).</summary>
    public int Length { get; }

    /// <summary>L embedding indices, or null for feature vectors.</summary>
    public int[]? Tokens { get; }

    /// <summary>L·F feature values (step-major), or null for tokens.</summary>
    public float[]? Values { get; }

    /// <summary>Whether a feature value is NaN or infinite (such rows are skipped in training).</summary>
    public bool HasNonFinite => Values is not null && !Values.All(float.IsFinite);

    /// <summary>A token sequence.</summary>
    /// <param name="tokens">Embedding indices (at least one).</param>
    /// <returns>The sequence.</returns>
    public static FeatureSequence FromTokens(int[] tokens) => new(tokens.Length, tokens, null);

    /// <summary>A sequence of feature vectors.</summary>
    /// <param name="values">L·F values.</param>
    /// <param name="featuresPerStep">F.</param>
    /// <returns>The sequence.</returns>
    public static FeatureSequence FromValues(float[] values, int featuresPerStep) => new(values.Length / featuresPerStep, null, values);
}
