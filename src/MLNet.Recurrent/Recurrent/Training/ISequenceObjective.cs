using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>What a per-sequence task optimises: a loss of the head's outputs against the labels, and the metrics reported on validation rows.</summary>
/// <typeparam name="TLabel">The label's form.</typeparam>
internal interface ISequenceObjective<TLabel>
{
    /// <summary>The mean loss of a batch, recorded for backpropagation.</summary>
    /// <param name="outputs">The head's outputs (N, K).</param>
    /// <param name="labels">N labels.</param>
    /// <returns>A scalar tensor.</returns>
    Tensor Loss(Tensor outputs, IReadOnlyList<TLabel> labels);

    /// <summary>Metrics of a batch besides the loss (e.g. "accuracy").</summary>
    /// <param name="outputs">The head's outputs (N, K).</param>
    /// <param name="labels">N labels.</param>
    /// <returns>Name → value, averaged over the batch.</returns>
    IEnumerable<KeyValuePair<string, double>> Metrics(Tensor outputs, IReadOnlyList<TLabel> labels);
}
