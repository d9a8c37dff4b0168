namespace MLNet.Recurrent.Transforms;

/// <summary>What a recurrent forecaster predicts: levels, or changes from the window's last value.</summary>
public enum ForecastLevel
{
    /// <summary>The network predicts the values themselves (standardised with the training mean and deviation).</summary>
    Absolute,

    /// <summary>
    /// The network reads the window minus its last value ℓ and predicts y_k − ℓ; forecasts are ℓ + output. Use it for
    /// trending series (a network cannot extrapolate levels it never saw in training).
    /// </summary>
    RelativeToLastValue,
}
