namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Per-feature standardisation learned from the training rows: x' = (x − μ_f) / σ_f, with μ_f and σ_f the mean and
/// standard deviation of feature f over every step of every training sequence (σ_f = 1 when a feature is constant).
/// Used for Single feature sequences (inputs) and for regression targets (outputs).
/// </summary>
/// <param name="Mean">μ, one per feature.</param>
/// <param name="Scale">σ, one per feature (all &gt; 0).</param>
internal sealed record FeatureScaling(float[] Mean, float[] Scale)
{
    /// <summary>The number of features.</summary>
    public int Count => Mean.Length;

    /// <summary>Measures μ and σ over rows of interleaved values (value i belongs to feature i mod F).</summary>
    /// <param name="rows">The rows' values; each a multiple of <paramref name="features"/> long.</param>
    /// <param name="features">F.</param>
    /// <returns>The scaling.</returns>
    public static FeatureScaling Fit(IEnumerable<float[]> rows, int features)
    {
        var sum = new double[features];
        var sumSquares = new double[features];
        long steps = 0;
        foreach (float[] values in rows)
        {
            for (int i = 0; i < values.Length; i++)
            {
                sum[i % features] += values[i];
                sumSquares[i % features] += (double)values[i] * values[i];
            }

            steps += values.Length / features;
        }

        var mean = new float[features];
        var scale = new float[features];
        for (int f = 0; f < features; f++)
        {
            double mu = steps == 0 ? 0 : sum[f] / steps;
            double variance = steps == 0 ? 0 : Math.Max(0, sumSquares[f] / steps - mu * mu);
            double sigma = Math.Sqrt(variance);
            mean[f] = (float)mu;
            scale[f] = sigma > 1e-12 ? (float)sigma : 1f;
        }

        return new FeatureScaling(mean, scale);
    }

    /// <summary>Standardises interleaved values in place: x ← (x − μ) / σ.</summary>
    /// <param name="values">A multiple of <see cref="Count"/> values.</param>
    public void Standardize(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int f = i % Mean.Length;
            values[i] = (values[i] - Mean[f]) / Scale[f];
        }
    }

    /// <summary>Undoes <see cref="Standardize"/> in place: x ← x·σ + μ.</summary>
    /// <param name="values">A multiple of <see cref="Count"/> values.</param>
    public void Restore(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int f = i % Mean.Length;
            values[i] = values[i] * Scale[f] + Mean[f];
        }
    }
}
