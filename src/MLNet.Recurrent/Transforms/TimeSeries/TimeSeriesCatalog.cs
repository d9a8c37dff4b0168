using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent;

/// <summary>Series preparation on <c>mlContext.Transforms</c>: cutting a series into forecasting examples.</summary>
public static class TimeSeriesCatalog
{
    /// <summary>
    /// Cuts a univariate series (one Single per row, in order) into examples: a window of the <paramref name="windowSize"/>
    /// past values (Vector&lt;Single, W, 1&gt;) and a horizon of the next <paramref name="horizon"/> values
    /// (Vector&lt;Single, H&gt;), a new example every <paramref name="stride"/> rows. Not row-to-row; see <see cref="SlidingWindowEstimator"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="inputColumnName">The series column (Single).</param>
    /// <param name="windowSize">W, past steps per window (≥ 1).</param>
    /// <param name="horizon">H, future steps per example (≥ 1, default 1).</param>
    /// <param name="stride">Rows between consecutive windows (≥ 1, default 1).</param>
    /// <param name="windowColumnName">The window column (default "Window").</param>
    /// <param name="horizonColumnName">The horizon column (default "Horizon").</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An empty or repeated column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A window size, horizon or stride below 1.</exception>
    public static SlidingWindowEstimator CreateSlidingWindows(this TransformsCatalog catalog, string inputColumnName, int windowSize, int horizon = 1,
        int stride = 1, string windowColumnName = "Window", string horizonColumnName = "Horizon")
        => CreateSlidingWindows(catalog, new SlidingWindowOptions
        {
            TargetColumnName = inputColumnName,
            WindowSize = windowSize,
            Horizon = horizon,
            Stride = stride,
            WindowColumnName = windowColumnName,
            HorizonColumnName = horizonColumnName,
        });

    /// <summary>
    /// Cuts a series — univariate, or multivariate with several feature columns per step — into (window, horizon)
    /// examples. See <see cref="SlidingWindowOptions"/> and <see cref="SlidingWindowEstimator"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An empty or repeated column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A window size, horizon or stride below 1.</exception>
    public static SlidingWindowEstimator CreateSlidingWindows(this TransformsCatalog catalog, SlidingWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SlidingWindowEstimator(options);
    }
}
