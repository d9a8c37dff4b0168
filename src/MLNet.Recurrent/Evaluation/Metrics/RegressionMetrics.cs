namespace MLNet.Recurrent.Data;

/// <summary>
/// Evaluation results of a regression model (ML.NET's RegressionMetrics), as returned by
/// <c>mlContext.Regression.Evaluate</c>. With yᵢ the labels, ŷᵢ the scores, m the number of rows and ȳ the mean
/// label.
/// </summary>
public sealed class RegressionMetrics
{
    internal RegressionMetrics(double meanAbsoluteError, double meanSquaredError, double rootMeanSquaredError, double lossFunction, double rSquared)
    {
        MeanAbsoluteError = meanAbsoluteError;
        MeanSquaredError = meanSquaredError;
        RootMeanSquaredError = rootMeanSquaredError;
        LossFunction = lossFunction;
        RSquared = rSquared;
    }

    /// <summary>MAE = (1/m) Σᵢ |yᵢ − ŷᵢ|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>MSE = (1/m) Σᵢ (yᵢ − ŷᵢ)².</summary>
    public double MeanSquaredError { get; }

    /// <summary>RMSE = √MSE.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>The mean of the evaluation loss function over the rows; the loss is squared loss (ML.NET's default), so this equals <see cref="MeanSquaredError"/>.</summary>
    public double LossFunction { get; }

    /// <summary>
    /// Coefficient of determination R² = 1 − Σᵢ (yᵢ − ŷᵢ)² / Σᵢ (yᵢ − ȳ)². As in ML.NET it is not forced finite:
    /// with constant labels it is −∞ when any prediction is off and NaN when all are exact.
    /// </summary>
    public double RSquared { get; }
}
