namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Options of <see cref="RecurrentForecastingEstimator"/>: a window of past values (Vector&lt;Single&gt; with dimensions
/// [windowSize, features]) predicts the next horizon values (Vector&lt;Single&gt;[horizon]). The column defaults are the
/// names the windowing transform writes: "Window" and "Horizon".
/// </summary>
public sealed class ForecastingOptions : PooledSequenceOptions
{
    /// <summary>Creates options with the forecasting column defaults (features "Window", label "Horizon").</summary>
    public ForecastingOptions()
    {
        FeatureColumnName = RecurrentDefaults.Window;
        LabelColumnName = RecurrentDefaults.Horizon;
    }

    /// <summary>
    /// Whether the network predicts levels or changes from the window's last value ℓ (of feature
    /// <see cref="LevelFeatureIndex"/>): with <see cref="ForecastLevel.RelativeToLastValue"/> it reads x_{t,f} − ℓ,
    /// learns y_k − ℓ and forecasts ŷ_k = ℓ + output. Default <see cref="ForecastLevel.Absolute"/>.
    /// </summary>
    public ForecastLevel Level { get; set; } = ForecastLevel.Absolute;

    /// <summary>f, the feature of each window step that holds the forecast series (0 ≤ f &lt; F). Default 0.</summary>
    public int LevelFeatureIndex { get; set; }
}
