namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// How a loss combines its per-element values, as PyTorch's <c>reduction</c> argument ('none' | 'mean' | 'sum').
/// </summary>
public enum Reduction
{
    /// <summary>No reduction ('none'): one loss value per element, shaped like the target.</summary>
    None,

    /// <summary>
    /// The (weighted) mean ('mean', the default): the sum divided by the number of elements — or, for a class-weighted
    /// <see cref="CrossEntropyLoss"/>, by the total weight of the non-ignored targets. A mean over nothing is NaN (0/0),
    /// as in PyTorch.
    /// </summary>
    Mean,

    /// <summary>The sum of the per-element values ('sum'); 0 over nothing.</summary>
    Sum,
}
