namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Forecasting relative to the window's last value: with ℓ = x_{L, f} (the last step's value of the level feature f),
/// the network reads x_{t, f} − ℓ and learns y_k − ℓ, and a forecast is ŷ_k = ℓ + network output. A network then
/// predicts changes, not levels, so it can follow a trend beyond the range of the training values.
/// </summary>
/// <param name="FeatureIndex">f, the feature of a step that holds the forecast series (0 for a univariate window).</param>
/// <param name="FeaturesPerStep">F, features per step.</param>
internal sealed record WindowLevel(int FeatureIndex, int FeaturesPerStep)
{
    /// <summary>ℓ, the last step's value of the level feature.</summary>
    /// <param name="window">A window of feature values.</param>
    /// <returns>ℓ.</returns>
    public float Of(FeatureSequence window) => window.Values![(window.Length - 1) * FeaturesPerStep + FeatureIndex];

    /// <summary>A copy of <paramref name="window"/> with ℓ subtracted from every step's level feature.</summary>
    /// <param name="window">The window.</param>
    /// <param name="level">ℓ.</param>
    /// <returns>The shifted window.</returns>
    public FeatureSequence Remove(FeatureSequence window, float level)
    {
        float[] values = (float[])window.Values!.Clone();
        for (int i = FeatureIndex; i < values.Length; i += FeaturesPerStep)
        {
            values[i] -= level;
        }

        return FeatureSequence.FromValues(values, FeaturesPerStep);
    }

    /// <summary>Adds <paramref name="level"/> to each value of <paramref name="targets"/> (subtracts with a negative level).</summary>
    /// <param name="targets">Targets or forecasts, shifted in place.</param>
    /// <param name="level">The shift.</param>
    public static void Shift(float[] targets, float level)
    {
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] += level;
        }
    }
}
