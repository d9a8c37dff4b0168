namespace MLNet.Recurrent.Data;

/// <summary>
/// Evaluation of multi-step forecasts (no ML.NET counterpart), as returned by <c>mlContext.Forecasting.Evaluate</c>:
/// each row holds a forecast ŷ and the actual values y over a horizon of H steps (h = 1 … H, vectors of equal length
/// per row; lengths may vary between rows). Pairs where y or ŷ is NaN are skipped. Sums run over the remaining
/// (row, step) pairs, n in total and nₕ at step h.
/// </summary>
public sealed class ForecastingMetrics
{
    internal ForecastingMetrics(double meanAbsoluteError, double rootMeanSquaredError, double symmetricMeanAbsolutePercentageError,
        IReadOnlyList<double> perHorizonMeanAbsoluteError, IReadOnlyList<double> perHorizonRootMeanSquaredError, double? relativeMeanAbsoluteError)
    {
        MeanAbsoluteError = meanAbsoluteError;
        RootMeanSquaredError = rootMeanSquaredError;
        SymmetricMeanAbsolutePercentageError = symmetricMeanAbsolutePercentageError;
        PerHorizonMeanAbsoluteError = perHorizonMeanAbsoluteError;
        PerHorizonRootMeanSquaredError = perHorizonRootMeanSquaredError;
        RelativeMeanAbsoluteError = relativeMeanAbsoluteError;
    }

    /// <summary>MAE over all steps: (1/n) Σ |y − ŷ|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>RMSE over all steps: √((1/n) Σ (y − ŷ)²).</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>
    /// sMAPE in percent (0 … 200): (100/n) Σ 2|y − ŷ| / (|y| + |ŷ|), a pair with y = ŷ = 0 contributing 0.
    /// </summary>
    public double SymmetricMeanAbsolutePercentageError { get; }

    /// <summary>MAE of each horizon step h (element h − 1): (1/nₕ) Σ_rows |yₕ − ŷₕ|; NaN for a step with no pairs.</summary>
    public IReadOnlyList<double> PerHorizonMeanAbsoluteError { get; }

    /// <summary>RMSE of each horizon step h (element h − 1): √((1/nₕ) Σ_rows (yₕ − ŷₕ)²); NaN for a step with no pairs.</summary>
    public IReadOnlyList<double> PerHorizonRootMeanSquaredError { get; }

    /// <summary>
    /// Skill against the naive forecast that repeats the last observed value x_last at every step (a MASE-style
    /// scaling on the evaluated windows): relMAE = Σ |y − ŷ| / Σ |y − x_last|. Below 1 the model beats the naive
    /// forecast. Null when no last-value column was given; +∞ or NaN when the naive forecast is exact.
    /// </summary>
    public double? RelativeMeanAbsoluteError { get; }
}
