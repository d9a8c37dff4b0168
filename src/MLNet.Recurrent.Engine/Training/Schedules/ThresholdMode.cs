namespace MLNet.Recurrent.Engine.Training;

/// <summary>How <see cref="ReduceLROnPlateau"/> measures a significant improvement over the best value so far.</summary>
public enum ThresholdMode
{
    /// <summary>Improvement by a fraction: better than best·(1 − threshold) (min) or best·(1 + threshold) (max); PyTorch's <c>'rel'</c>.</summary>
    Relative,

    /// <summary>Improvement by an amount: better than best − threshold (min) or best + threshold (max); PyTorch's <c>'abs'</c>.</summary>
    Absolute,
}
