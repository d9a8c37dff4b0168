namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Options of <c>mlContext.Transforms.CreateSlidingWindows</c>: which columns form the series, and the window,
/// horizon and stride (in rows) of the supervised examples cut from it. See <see cref="SlidingWindowEstimator"/>.
/// </summary>
public sealed class SlidingWindowOptions
{
    /// <summary>The series to forecast (Single); its future values form the horizon.</summary>
    public required string TargetColumnName { get; set; }

    /// <summary>
    /// The columns observed at each time step, in order (Single or fixed-size Vector&lt;Single&gt;); null means the
    /// target alone (univariate). F, the features per step, is the sum of their sizes.
    /// </summary>
    public string[]? FeatureColumnNames { get; set; }

    /// <summary>W: the number of past steps in each window (≥ 1).</summary>
    public required int WindowSize { get; set; }

    /// <summary>H: the number of future target values to predict (≥ 1, default 1).</summary>
    public int Horizon { get; set; } = 1;

    /// <summary>The number of rows between the starts of consecutive windows (≥ 1, default 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>The output column of windows, Vector&lt;Single, W, F&gt; (default "Window").</summary>
    public string WindowColumnName { get; set; } = "Window";

    /// <summary>The output column of future targets, Vector&lt;Single, H&gt; (default "Horizon").</summary>
    public string HorizonColumnName { get; set; } = "Horizon";
}
