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
}
