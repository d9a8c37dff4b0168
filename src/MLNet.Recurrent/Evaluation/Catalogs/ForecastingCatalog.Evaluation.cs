using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent;

public sealed partial class ForecastingCatalog
{
    /// <summary>
    /// Evaluates multi-step forecasts (no ML.NET counterpart: ML.NET's forecasting catalog has no evaluator) in one
    /// streaming pass, O(H) memory for horizon H: overall and per-step MAE and RMSE, sMAPE, and optionally the
    /// relative MAE against the naive forecast that repeats the last observed value.
    /// </summary>
    /// <param name="data">The scored data: one forecast window per row.</param>
    /// <param name="labelColumnName">The actual values y₁ … y_H, Vector&lt;Single&gt; (default "Label").</param>
    /// <param name="scoreColumnName">The forecast ŷ₁ … ŷ_H, Vector&lt;Single&gt; of the same length per row (default "Score").</param>
    /// <param name="lastObservedColumnName">The last observed value before each window, Single, for
    /// <see cref="ForecastingMetrics.RelativeMeanAbsoluteError"/> (default null: not computed).</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is empty, no (row, step) pair could be evaluated, or a row's forecast and actual values differ in length.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or has another type.</exception>
    public ForecastingMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score", string? lastObservedColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var label = EvaluationInput.Require(data, labelColumnName, nameof(labelColumnName), "Vector<Single>", EvaluationInput.IsSingleVector);
        var score = EvaluationInput.Require(data, scoreColumnName, nameof(scoreColumnName), "Vector<Single>", EvaluationInput.IsSingleVector);
        DataViewSchema.Column? last = lastObservedColumnName is null
            ? null
            : EvaluationInput.Require(data, lastObservedColumnName, nameof(lastObservedColumnName), "Single", EvaluationInput.IsSingle);
        var accumulator = new ForecastingAccumulator(withNaive: last is not null);
        using (var cursor = data.GetRowCursor(last is { } l ? [label, score, l] : [label, score]))
        {
            var getLabel = cursor.GetGetter<VBuffer<float>>(label);
            var getScore = cursor.GetGetter<VBuffer<float>>(score);
            ValueGetter<float> getLast = last is { } column ? cursor.GetGetter<float>(column) : (ref float v) => v = float.NaN;
            var actual = default(VBuffer<float>);
            var forecast = default(VBuffer<float>);
            float lastValue = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref actual);
                getScore(ref forecast);
                getLast(ref lastValue);
                if (actual.Length != forecast.Length)
                {
                    throw new ArgumentException(
                        $"{EvaluationInput.DataParameter}: row {cursor.Position}: column '{scoreColumnName}' expected {actual.Length} steps like '{labelColumnName}', got {forecast.Length}.",
                        EvaluationInput.DataParameter);
                }

                accumulator.Add(actual.GetValues(), forecast.GetValues(), lastValue);
            }
        }

        EvaluationInput.ThrowIfEmpty(accumulator.Count, "forecast steps", "steps with a NaN value are skipped");
        return accumulator.ToMetrics();
    }
}
