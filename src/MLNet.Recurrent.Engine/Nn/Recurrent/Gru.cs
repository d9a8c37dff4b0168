using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A multi-layer gated recurrent unit, as PyTorch's <c>torch.nn.GRU</c>. For each step each layer computes
/// <code>
/// r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
/// z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
/// n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
/// h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
/// </code>
/// Note that the reset gate multiplies (W_hn h_{t−1} + b_hn), bias included, exactly as PyTorch (and cuDNN) do.
/// </summary>
/// <remarks>
/// Parameters (PyTorch names and gate order r, z, n): <c>weight_ih_l{k}</c> = [W_ir | W_iz | W_in]: (3·H_out, H_in) for
/// k = 0, else (3·H_out, D·H_out); <c>weight_hh_l{k}</c>: (3·H_out, H_out); <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>:
/// (3·H_out); suffix <c>_reverse</c> for the backward direction. All initialised from U(−1/√H_out, 1/√H_out).
/// </remarks>
public sealed class Gru : RecurrentLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">H_in: features per input step.</param>
    /// <param name="hiddenSize">H_out: features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers. Default 1.</param>
    /// <param name="bias">Whether to use b_ih and b_hh. Default true.</param>
    /// <param name="batchFirst">When true, input and output are (N, L, ·). Default false.</param>
    /// <param name="dropout">Dropout probability on each layer's output except the last's, in training mode. Default 0.</param>
    /// <param name="bidirectional">When true, each layer also runs in reverse and outputs are concatenated. Default false.</param>
    /// <param name="initialization">Weight initialisation. Default PyTorch's.</param>
    /// <param name="generator">Seeded generator for initialisation and dropout; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or dropout is outside [0, 1).</exception>
    public Gru(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false,
        float dropout = 0f, bool bidirectional = false,
        RecurrentInitialization initialization = RecurrentInitialization.PyTorchDefault, RandomGenerator? generator = null)
        : base(RecurrentCellKind.Gru, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, initialization, generator)
    {
    }

    /// <summary>Runs the GRU over a batch of sequences.</summary>
    /// <param name="input">(L, N, H_in), or (N, L, H_in) when batch-first.</param>
    /// <param name="h0">Initial hidden state (D·num_layers, N, H_out); zeros when null.</param>
    /// <param name="lengths">Optional per-sequence lengths (N values in [1, L]); steps past a sequence's end are skipped, as with PyTorch's packed sequences.</param>
    /// <returns>The output sequence (L, N, D·H_out) (batch-first: (N, L, D·H_out)) and h_n (D·num_layers, N, H_out).</returns>
    /// <exception cref="Errors.TensorShapeException">input is not rank 3 with H_in features, or h0 has the wrong shape.</exception>
    /// <exception cref="ArgumentException">lengths has a count other than N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, L].</exception>
    public RecurrentOutput Forward(Tensor input, Tensor? h0 = null, int[]? lengths = null)
        => ForwardCore(input, h0, null, lengths);
}
