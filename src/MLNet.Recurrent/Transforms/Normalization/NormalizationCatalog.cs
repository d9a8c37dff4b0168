using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent;

/// <summary>Normalisers on <c>mlContext.Transforms</c> (ML.NET's NormalizationCatalog).</summary>
public static class NormalizationCatalog
{
    /// <summary>
    /// Rescales by the minimum and maximum seen while fitting: with fixZero, x · 1 / max(|min|, |max|) ∈ [−1, 1];
    /// otherwise (x − min) / (max − min) ∈ [0, 1]. Per slot for fixed-size vectors, over every item for
    /// variable-length ones. See <see cref="NormalizingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column to create.</param>
    /// <param name="inputColumnName">The column to normalise (Single or a vector of Single); null means <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumExampleCount">The most rows read while fitting (default 1,000,000,000).</param>
    /// <param name="fixZero">Whether 0 maps to 0 (default true).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumExampleCount"/> ≤ 1.</exception>
    public static NormalizingEstimator NormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = 1_000_000_000, bool fixZero = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new NormalizingEstimator(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.MinMax, maximumExampleCount, fixZero);
    }

    /// <summary>
    /// Rescales by the mean and standard deviation σ (population) seen while fitting: with fixZero,
    /// x / √(σ² + mean²); otherwise (x − mean) / σ; with useCdf, Φ((x − mean) / σ). Per slot for fixed-size vectors,
    /// over every item for variable-length ones. See <see cref="NormalizingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column to create.</param>
    /// <param name="inputColumnName">The column to normalise (Single or a vector of Single); null means <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumExampleCount">The most rows read while fitting (default 1,000,000,000).</param>
    /// <param name="fixZero">Whether 0 maps to 0 (default true; ignored with <paramref name="useCdf"/>).</param>
    /// <param name="useCdf">Whether to output the normal CDF of the standardised value (default false).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumExampleCount"/> ≤ 1.</exception>
    public static NormalizingEstimator NormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = 1_000_000_000, bool fixZero = true, bool useCdf = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new NormalizingEstimator(outputColumnName, inputColumnName, NormalizingEstimator.NormalizationMode.MeanVariance, maximumExampleCount, fixZero, useCdf);
    }
}
