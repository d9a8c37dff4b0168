using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

public abstract partial class RecurrentLayer
{
    /// <summary>
    /// Creates the layer that runs <paramref name="cell"/>: an <see cref="Rnn"/> (tanh or ReLU), <see cref="Lstm"/> or
    /// <see cref="Gru"/> with the given sizes — for code that chooses the cell at run time (model families compared
    /// side by side, options read from a file).
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="inputSize">H_in: features per input step.</param>
    /// <param name="hiddenSize">H_out: features of the hidden state.</param>
    /// <param name="numLayers">Stacked layers. Default 1.</param>
    /// <param name="bias">Whether to use b_ih and b_hh. Default true.</param>
    /// <param name="batchFirst">When true, input and output are (N, L, ·). Default false.</param>
    /// <param name="dropout">Dropout between stacked layers, in training mode. Default 0.</param>
    /// <param name="bidirectional">Whether each layer also runs in reverse. Default false.</param>
    /// <param name="initialization">Weight initialisation. Default PyTorch's.</param>
    /// <param name="generator">Seeded generator for initialisation and dropout; default seed 0.</param>
    /// <returns>The new layer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cell"/> is not a defined kind, a size is not positive, or dropout is outside [0, 1).</exception>
    public static RecurrentLayer Create(RecurrentCellKind cell, int inputSize, int hiddenSize, int numLayers = 1, bool bias = true,
        bool batchFirst = false, float dropout = 0f, bool bidirectional = false,
        RecurrentInitialization initialization = RecurrentInitialization.PyTorchDefault, RandomGenerator? generator = null)
        => cell switch
        {
            RecurrentCellKind.RnnTanh or RecurrentCellKind.RnnRelu => new Rnn(inputSize, hiddenSize, numLayers,
                cell == RecurrentCellKind.RnnRelu ? RnnNonlinearity.Relu : RnnNonlinearity.Tanh,
                bias, batchFirst, dropout, bidirectional, initialization, generator),
            RecurrentCellKind.Lstm => new Lstm(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, initialization, generator),
            RecurrentCellKind.Gru => new Gru(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, initialization, generator),
            _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, $"{nameof(cell)}: expected a defined {nameof(RecurrentCellKind)}, got {cell}."),
        };
}
