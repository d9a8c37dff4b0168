using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class RecurrentLayerValidationTests
{
    [Fact]
    public void Forward_WrongInputRank_NamesInputAndShapes()
    {
        var lstm = new Lstm(inputSize: 10, hiddenSize: 4);
        var error = Assert.Throws<TensorShapeException>(() => lstm.Forward(Tensor.Zeros(5, 10)));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("H_in=10", error.Message);
        Assert.Contains("(5, 10)", error.Message);
    }

    [Fact]
    public void Forward_WrongFeatureCount_StatesExpectedAndActual()
    {
        var gru = new Gru(inputSize: 10, hiddenSize: 4, batchFirst: true);
        var error = Assert.Throws<TensorShapeException>(() => gru.Forward(Tensor.Zeros(3, 5, 12)));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("(N, L, H_in=10)", error.Message);
        Assert.Contains("(3, 5, 12)", error.Message);
    }

    [Theory]
    [InlineData(1, 3, 4)] // wrong layer count
    [InlineData(4, 2, 4)] // wrong batch
    [InlineData(4, 3, 5)] // wrong hidden size
    public void Forward_WrongInitialStateShape_NamesH0(int layers, int batch, int hidden)
    {
        var rnn = new Rnn(inputSize: 2, hiddenSize: 4, numLayers: 2, bidirectional: true);
        var error = Assert.Throws<TensorShapeException>(() => rnn.Forward(Tensor.Zeros(5, 3, 2), Tensor.Zeros(layers, batch, hidden)));
        Assert.Equal("h0", error.ParamName);
        Assert.Contains("(D·num_layers=4, N=3, H_out=4)", error.Message);
    }

    [Fact]
    public void Forward_WrongCellStateShape_NamesC0()
    {
        var lstm = new Lstm(inputSize: 2, hiddenSize: 4);
        var error = Assert.Throws<TensorShapeException>(() => lstm.Forward(Tensor.Zeros(5, 3, 2), null, Tensor.Zeros(1, 3, 3)));
        Assert.Equal("c0", error.ParamName);
    }

    [Fact]
    public void BaseForward_CellStateForACellWithoutOne_NamesC0()
    {
        RecurrentLayer gru = new Gru(inputSize: 2, hiddenSize: 4);
        var error = Assert.Throws<ArgumentException>(() => gru.Forward(Tensor.Zeros(5, 3, 2), null, Tensor.Zeros(1, 3, 4), null));
        Assert.Equal("c0", error.ParamName);
        Assert.Contains("no cell state", error.Message);
    }

    [Fact]
    public void Forward_LengthsCountNotMatchingBatch_NamesLengths()
    {
        var lstm = new Lstm(inputSize: 2, hiddenSize: 4);
        var error = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(5, 3, 2), lengths: [5, 4]));
        Assert.Equal("lengths", error.ParamName);
        Assert.Contains("N=3", error.Message);
        Assert.Contains("got 2", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Forward_LengthOutOfRange_NamesLengths(int badLength)
    {
        var gru = new Gru(inputSize: 2, hiddenSize: 4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => gru.Forward(Tensor.Zeros(5, 3, 2), lengths: [5, badLength, 1]));
        Assert.Equal("lengths", error.ParamName);
        Assert.Contains("[1, L=5]", error.Message);
    }

    [Fact]
    public void Constructor_RejectsBadOptions()
    {
        Assert.Equal("hiddenSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Lstm(3, 0)).ParamName);
        Assert.Equal("numLayers", Assert.Throws<ArgumentOutOfRangeException>(() => new Gru(3, 4, numLayers: 0)).ParamName);
        Assert.Equal("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new Rnn(3, 4, dropout: 1f)).ParamName);
        Assert.Equal("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new Rnn(3, 4, dropout: float.NaN)).ParamName);
    }

    [Fact]
    public void LoadStateDict_NaNWeight_ThrowsAndLeavesWeightsUnchanged()
    {
        var lstm = new Lstm(inputSize: 2, hiddenSize: 3);
        var state = lstm.StateDict();
        float before = lstm.StateDict()["weight_ih_l0"][0, 0];
        float[] poisoned = state["weight_hh_l0"].ToArray();
        poisoned[4] = float.NaN;
        state["weight_ih_l0"] = Tensor.Full(0.5f, 12, 2);
        state["weight_hh_l0"] = Tensor.FromArray(poisoned, 12, 3);
        var error = Assert.Throws<StateDictException>(() => lstm.LoadStateDict(state));
        Assert.Equal("weight_hh_l0", error.ParameterName);
        Assert.Contains("NaN", error.Message);
        Assert.Equal(before, lstm.StateDict()["weight_ih_l0"][0, 0]);
    }

    [Fact]
    public void LoadStateDict_MissingUnexpectedAndMisshapen_AreNamed()
    {
        var gru = new Gru(inputSize: 2, hiddenSize: 3);
        var state = gru.StateDict();
        state.Remove("bias_hh_l0");
        Assert.Equal("bias_hh_l0", Assert.Throws<StateDictException>(() => gru.LoadStateDict(state)).ParameterName);

        state = gru.StateDict();
        state["weight_ih_l1"] = Tensor.Zeros(9, 3);
        Assert.Equal("weight_ih_l1", Assert.Throws<StateDictException>(() => gru.LoadStateDict(state)).ParameterName);
        gru.LoadStateDict(state, strict: false);

        state = gru.StateDict();
        state["weight_hh_l0"] = Tensor.Zeros(9, 4);
        var shapeError = Assert.Throws<TensorShapeException>(() => gru.LoadStateDict(state));
        Assert.Contains("weight_hh_l0", shapeError.Message);
        Assert.Contains("(9, 3)", shapeError.Message);
        Assert.Contains("(9, 4)", shapeError.Message);
    }

    [Fact]
    public void Parameters_HavePyTorchNamesAndShapes()
    {
        var lstm = new Lstm(inputSize: 5, hiddenSize: 7, numLayers: 2, bidirectional: true);
        var shapes = lstm.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Shape.ToArray());
        Assert.Equal(16, shapes.Count);
        Assert.Equal(new[] { 28, 5 }, shapes["weight_ih_l0"]);
        Assert.Equal(new[] { 28, 7 }, shapes["weight_hh_l0_reverse"]);
        Assert.Equal(new[] { 28, 14 }, shapes["weight_ih_l1"]);
        Assert.Equal(new[] { 28 }, shapes["bias_hh_l1_reverse"]);
        var noBias = new Gru(inputSize: 5, hiddenSize: 7, bias: false);
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0" }, noBias.NamedParameters().Select(p => p.Key));
    }

    [Fact]
    public void Initialization_IsUniformWithinPyTorchBoundAndSeeded()
    {
        var a = new Lstm(4, 16, generator: new RandomGenerator(3));
        var b = new Lstm(4, 16, generator: new RandomGenerator(3));
        float bound = 1f / MathF.Sqrt(16);
        foreach (var (name, tensor) in a.NamedParameters())
        {
            Assert.All(tensor.ToArray(), v => Assert.InRange(v, -bound, bound));
            Assert.Equal(tensor.ToArray(), b.StateDict()[name].ToArray());
        }
    }

    [Fact]
    public void OrthogonalInitialization_GivesOrthogonalGateBlocks()
    {
        const int hidden = 8;
        var gru = new Gru(3, hidden, initialization: RecurrentInitialization.Orthogonal);
        float[] w = gru.StateDict()["weight_hh_l0"].ToArray();
        for (int gate = 0; gate < 3; gate++)
        {
            for (int i = 0; i < hidden; i++)
            {
                for (int j = 0; j < hidden; j++)
                {
                    double dot = 0;
                    for (int k = 0; k < hidden; k++)
                    {
                        dot += w[gate * hidden * hidden + i * hidden + k] * w[gate * hidden * hidden + j * hidden + k];
                    }
                    Assert.Equal(i == j ? 1.0 : 0.0, dot, 1e-5);
                }
            }
        }
    }
}
