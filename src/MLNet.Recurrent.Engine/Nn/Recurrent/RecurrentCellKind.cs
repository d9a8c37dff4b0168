namespace MLNet.Recurrent.Engine.Nn;

/// <summary>The recurrent cell a layer runs; names follow PyTorch's <c>mode</c> strings.</summary>
public enum RecurrentCellKind
{
    /// <summary>Elman RNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) (PyTorch "RNN_TANH"). G = 1.</summary>
    RnnTanh,

    /// <summary>Elman RNN with ReLU, h_t = max(0, W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) (PyTorch "RNN_RELU"). G = 1.</summary>
    RnnRelu,

    /// <summary>Long short-term memory, gates i, f, g, o (PyTorch "LSTM"). G = 4.</summary>
    Lstm,

    /// <summary>Gated recurrent unit, gates r, z, n (PyTorch "GRU"). G = 3.</summary>
    Gru,
}
