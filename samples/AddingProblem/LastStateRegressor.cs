using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>
/// A one-layer recurrent network with a linear head on its final hidden state:
/// <code>h_t = cell(x_t, h_{t−1}),   ŷ = W h_{L−1} + b</code>
/// where the cell is a tanh RNN, an LSTM or a GRU.
/// </summary>
/// <remarks>Parameters (PyTorch names): <c>rnn.weight_ih_l0</c>, <c>rnn.weight_hh_l0</c>, <c>rnn.bias_ih_l0</c>, <c>rnn.bias_hh_l0</c>, <c>head.weight</c> (1, H_out), <c>head.bias</c> (1).</remarks>
public sealed class LastStateRegressor : Module
{
    /// <summary>Creates the model; a seed fixes every initial weight.</summary>
    /// <param name="cell">The recurrent cell: <see cref="RecurrentCellKind.RnnTanh"/>, <see cref="RecurrentCellKind.Lstm"/> or <see cref="RecurrentCellKind.Gru"/> (also <see cref="RecurrentCellKind.RnnRelu"/>).</param>
    /// <param name="inputSize">H_in: features per step.</param>
    /// <param name="hiddenSize">H_out: features of the hidden state.</param>
    /// <param name="seed">Seed of the initialisation.</param>
    /// <param name="initialization">The recurrent layer's initialisation. Default PyTorch's.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the cell is unknown.</exception>
    public LastStateRegressor(RecurrentCellKind cell, int inputSize, int hiddenSize, long seed,
        RecurrentInitialization initialization = RecurrentInitialization.PyTorchDefault)
    {
        var generator = new RandomGenerator(seed);
        Recurrent = RegisterModule<RecurrentLayer>("rnn", RecurrentLayer.Create(cell, inputSize, hiddenSize, initialization: initialization, generator: generator));
        Head = RegisterModule("head", new Linear(hiddenSize, 1, generator: generator));
    }

    /// <summary>The recurrent layer (registered as "rnn").</summary>
    public RecurrentLayer Recurrent { get; }

    /// <summary>The linear head (registered as "head").</summary>
    public Linear Head { get; }

    /// <summary>Runs the network.</summary>
    /// <param name="input">(L, N, H_in).</param>
    /// <returns>ŷ: (N, 1).</returns>
    /// <exception cref="Engine.Errors.TensorShapeException">input is not (L, N, H_in).</exception>
    public Tensor Forward(Tensor input)
    {
        RecurrentOutput result = Recurrent.Forward(input, null, null, null);
        return Head.Forward(result.HiddenState.Select(0, 0));
    }
}
