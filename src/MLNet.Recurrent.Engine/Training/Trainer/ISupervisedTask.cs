using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// What the <see cref="Trainer"/> needs to know about a model and its data: how to turn a mini-batch of examples into
/// a differentiable loss, and how to score a batch for validation.
/// </summary>
/// <typeparam name="TExample">One training example (e.g. a sequence and its label).</typeparam>
public interface ISupervisedTask<TExample>
{
    /// <summary>The model whose parameters are trained (and saved in checkpoints).</summary>
    Module Model { get; }

    /// <summary>The sequence length of an example, used to bucket batches by length; return 0 when lengths do not matter.</summary>
    /// <param name="example">The example.</param>
    /// <returns>Its length.</returns>
    int Length(TExample example);

    /// <summary>The mean loss over a batch, recorded for backpropagation (a one-element tensor).</summary>
    /// <param name="batch">One or more examples.</param>
    /// <returns>The loss.</returns>
    Tensor Loss(IReadOnlyList<TExample> batch);

    /// <summary>
    /// Validation metrics of a batch (run without recording); the trainer averages each over batches weighted by
    /// batch size. Must include the metric the trainer monitors (<see cref="TrainerOptions.MonitorMetric"/>, "loss" by default).
    /// </summary>
    /// <param name="batch">One or more examples.</param>
    /// <returns>Metric name → value.</returns>
    IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<TExample> batch);
}

/// <summary>
/// A task whose sequences are long enough to train with truncated backpropagation through time: the trainer
/// feeds a batch k steps at a time, carrying the recurrent state across chunks but cutting the graph between them.
/// </summary>
/// <typeparam name="TExample">One training example.</typeparam>
public interface ITruncatedBpttTask<TExample> : ISupervisedTask<TExample>
{
    /// <summary>
    /// The loss over steps [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of the batch,
    /// starting from <paramref name="state"/> (null at the start of the sequences), and the recurrent state after the
    /// chunk. The trainer detaches the returned state before passing it to the next chunk.
    /// </summary>
    /// <param name="batch">The examples.</param>
    /// <param name="start">The first step of the chunk.</param>
    /// <param name="length">The number of steps (the last chunk may be shorter).</param>
    /// <param name="state">The state carried from the previous chunk, or null.</param>
    /// <returns>The chunk's loss and the state to carry.</returns>
    (Tensor Loss, RecurrentState State) ChunkLoss(IReadOnlyList<TExample> batch, int start, int length, RecurrentState? state);
}

/// <summary>The recurrent state carried between truncated-BPTT chunks: h (and c for an LSTM), each (D·num_layers, N, H_out).</summary>
/// <param name="Hidden">h.</param>
/// <param name="Cell">c, or null.</param>
public sealed record RecurrentState(Tensor Hidden, Tensor? Cell)
{
    /// <summary>The same values cut from the autograd graph: gradients stop here.</summary>
    /// <returns>A detached copy.</returns>
    public RecurrentState Detach() => new(Hidden.Detach(), Cell?.Detach());
}
