using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A multi-layer Elman RNN, as PyTorch's <c>torch.nn.RNN</c>: for each element of the input sequence each layer computes
/// <code>h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</code>
/// with f = tanh (default) or ReLU, where x_t is the input at step t (for layers above the first, the previous
/// layer's output, with dropout in training mode) and h_{t−1} the state at the previous step (h_0 at t = 0).
/// </summary>
/// <remarks>
/// <para>Parameters (PyTorch names): <c>weight_ih_l{k}</c>: (H_out, H_in) for k = 0, else (H_out, D·H_out);
/// <c>weight_hh_l{k}</c>: (H_out, H_out); <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>: (H_out); with the suffix
/// <c>_reverse</c> for the backward direction. All initialised from U(−1/√H_out, 1/√H_out).</para>
/// <para>Equivalent plain loop, for one layer and direction:
/// <code>for t in 0..L−1: h = tanh(x[t]·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh); output[t] = h</code></para>
/// </remarks>
public sealed class Rnn : RecurrentLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">H_in: features per input step.</param>
    /// <param name="hiddenSize">H_out: features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers. Default 1.</param>
    /// <param name="nonlinearity">tanh (default) or ReLU.</param>
    /// <param name="bias">Whether to use b_ih and b_hh. Default true.</param>
    /// <param name="batchFirst">When true, input and output are (N, L, ·). Default false.</param>
    /// <param name="dropout">Dropout probability on each layer's output except the last's, in training mode. Default 0.</param>
    /// <param name="bidirectional">When true, each layer also runs in reverse and outputs are concatenated. Default false.</param>
    /// <param name="initialization">Weight initialisation. Default PyTorch's.</param>
    /// <param name="generator">Seeded generator for initialisation and dropout; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or dropout is outside [0, 1).</exception>
    public Rnn(int inputSize, int hiddenSize, int numLayers = 1, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh,
        bool bias = true, bool batchFirst = false, float dropout = 0f, bool bidirectional = false,
        RecurrentInitialization initialization = RecurrentInitialization.PyTorchDefault, RandomGenerator? generator = null)
        : base(nonlinearity == RnnNonlinearity.Relu ? RecurrentCellKind.RnnRelu : RecurrentCellKind.RnnTanh,
            inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, initialization, generator)
    {
    }

    /// <summary>Runs the RNN over a batch of sequences.</summary>
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

/// <summary>The non-linearity of an <see cref="Rnn"/>.</summary>
public enum RnnNonlinearity
{
    /// <summary>h_t = tanh(·).</summary>
    Tanh,

    /// <summary>h_t = max(0, ·).</summary>
    Relu,
}
