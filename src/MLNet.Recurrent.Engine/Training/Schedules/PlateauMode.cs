namespace MLNet.Recurrent.Engine.Training;

/// <summary>Which direction of a metric counts as improvement for <see cref="ReduceLROnPlateau"/>.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss); PyTorch's <c>mode='min'</c>.</summary>
    Min,

    /// <summary>Higher is better (an accuracy); PyTorch's <c>mode='max'</c>.</summary>
    Max,
}
