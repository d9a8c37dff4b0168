using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Accumulates multi-step forecasting metrics one window at a time in O(H) memory for the longest horizon H (see
/// <see cref="ForecastingMetrics"/>).
/// </summary>
internal sealed class ForecastingAccumulator
{
    private readonly bool _withNaive;
    private readonly List<(double AbsoluteSum, double SquaredSum, long Count)> _steps = [];
    private double _absoluteSum;
    private double _squaredSum;
    private double _symmetricPercentSum;
    private double _naiveAbsoluteSum;

    /// <summary>Creates an accumulator.</summary>
    /// <param name="withNaive">Whether every window comes with its last observed value, for the relative MAE.</param>
    public ForecastingAccumulator(bool withNaive) => _withNaive = withNaive;

    /// <summary>(Row, step) pairs counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one window.</summary>
    /// <param name="actual">The actual values y₁ … y_H.</param>
    /// <param name="forecast">The forecast ŷ₁ … ŷ_H.</param>
    /// <param name="lastObserved">The last value before the window (used when created with withNaive).</param>
    /// <exception cref="ArgumentException">The two vectors differ in length.</exception>
    public void Add(ReadOnlySpan<float> actual, ReadOnlySpan<float> forecast, float lastObserved = float.NaN)
    {
        if (actual.Length != forecast.Length)
        {
            throw new ArgumentException($"{nameof(forecast)}: expected {actual.Length} steps like the actual values, got {forecast.Length}.", nameof(forecast));
        }

        for (int h = 0; h < actual.Length; h++)
        {
            if (_steps.Count == h)
            {
                _steps.Add((0, 0, 0));
            }

            double y = actual[h];
            double yHat = forecast[h];
            if (double.IsNaN(y) || double.IsNaN(yHat))
            {
                continue;
            }

            double error = Math.Abs(y - yHat);
            var step = _steps[h];
            _steps[h] = (step.AbsoluteSum + error, step.SquaredSum + (error * error), step.Count + 1);
            Count++;
            _absoluteSum += error;
            _squaredSum += error * error;
            double magnitude = Math.Abs(y) + Math.Abs(yHat);
            _symmetricPercentSum += magnitude > 0 ? 2 * error / magnitude : 0;
            _naiveAbsoluteSum += _withNaive ? Math.Abs(y - lastObserved) : 0;
        }
    }

    /// <summary>The metrics of the windows added.</summary>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No (row, step) pair was added.</exception>
    public ForecastingMetrics ToMetrics()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No forecast steps were added.");
        }

        return new ForecastingMetrics(
            _absoluteSum / Count,
            Math.Sqrt(_squaredSum / Count),
            100 * _symmetricPercentSum / Count,
            _steps.Select(s => s.Count > 0 ? s.AbsoluteSum / s.Count : double.NaN).ToArray(),
            _steps.Select(s => s.Count > 0 ? Math.Sqrt(s.SquaredSum / s.Count) : double.NaN).ToArray(),
            _withNaive ? _absoluteSum / _naiveAbsoluteSum : null);
    }
}
