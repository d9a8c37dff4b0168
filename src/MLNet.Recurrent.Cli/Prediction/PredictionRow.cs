namespace MLNet.Recurrent.Cli.Prediction;

/// <summary>One prediction as <c>predict</c> prints it.</summary>
/// <param name="Row">
/// The 0-based data row predicted (text tasks); for forecasting, the row of the first forecast value (the series'
/// length for the forecast beyond the data).
/// </param>
/// <param name="Text">The text predicted from (text tasks).</param>
/// <param name="PredictedLabel">The predicted class (classification).</param>
/// <param name="Probabilities">Each class's probability in class order (classification).</param>
/// <param name="Score">The predicted number (regression).</param>
/// <param name="Forecast">The next H values (forecasting).</param>
internal sealed record PredictionRow(long Row, string? Text, string? PredictedLabel, float[]? Probabilities, float? Score, float[]? Forecast);
