using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A multi-layer long short-term memory network, as PyTorch's <c>torch.nn.LSTM</c>. For each step each layer computes
/// <code>
/// i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)
/// f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)
/// g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)
/// o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)
/// c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
/// h_t = o_t ⊙ tanh(c_t)
/// </code>
/// where σ is the logistic sigmoid and ⊙ the element-wise product.
/// </summary>
/// <remarks>
/// <para>Parameters (PyTorch names and gate order i, f, g, o): <c>weight_ih_l{k}</c> = [W_ii | W_if | W_ig | W_io]:
/// (4·H_out, H_in) for k = 0, else (4·H_out, D·H_out); <c>weight_hh_l{k}</c>: (4·H_out, H_out);
/// <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>: (4·H_out); suffix <c>_reverse</c> for the backward direction.
/// All initialised from U(−1/√H_out, 1/√H_out).</para>
/// <para>Cost per layer and direction: forward 2·L·N·4·H_out·(H_in + H_out) flops; backward about twice that.</para>
/// </remarks>
public sealed class Lstm : RecurrentLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">H_in: features per input step.</param>
    /// <param name="hiddenSize">H_out: features of the hidden and cell states.</param>
    /// <param name="numLayers">Stacked layers. Default 1.</param>
    /// <param name="bias">Whether to use b_ih and b_hh. Default true.</param>
    /// <param name="batchFirst">When true, input and output are (N, L, ·). Default false.</param>
    /// <param name="dropout">Dropout probability on each layer's output except the last's, in training mode. Default 0.</param>
    /// <param name="bidirectional">When true, each layer also runs in reverse and outputs are concatenated. Default false.</param>
    /// <param name="initialization">Weight initialisation. Default PyTorch's.</param>
    /// <param name="generator">Seeded generator for initialisation and dropout; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or dropout is outside [0, 1).</exception>
    public Lstm(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false,
        float dropout = 0f, bool bidirectional = false,
        RecurrentInitialization initialization = RecurrentInitialization.PyTorchDefault, RandomGenerator? generator = null)
        : base(RecurrentCellKind.Lstm, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, initialization, generator)
    {
    }

    // Forward(input, h0, c0, lengths) is RecurrentLayer.Forward: the LSTM is the cell that uses all four arguments.
}
