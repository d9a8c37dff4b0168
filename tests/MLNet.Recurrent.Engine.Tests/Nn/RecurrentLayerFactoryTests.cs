using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class RecurrentLayerFactoryTests
{
    [Theory]
    [InlineData(RecurrentCellKind.RnnTanh, typeof(Rnn))]
    [InlineData(RecurrentCellKind.RnnRelu, typeof(Rnn))]
    [InlineData(RecurrentCellKind.Lstm, typeof(Lstm))]
    [InlineData(RecurrentCellKind.Gru, typeof(Gru))]
    public void Create_builds_the_layer_of_the_cell_with_the_same_weights_as_its_constructor(RecurrentCellKind cell, Type expected)
    {
        var layer = RecurrentLayer.Create(cell, 3, 5, numLayers: 2, bidirectional: true, generator: new RandomGenerator(7));
        Assert.IsType(expected, layer);
        Assert.Equal(cell, layer.Cell);
        Assert.Equal(2, layer.NumLayers);

        RecurrentLayer direct = cell switch
        {
            RecurrentCellKind.Lstm => new Lstm(3, 5, 2, bidirectional: true, generator: new RandomGenerator(7)),
            RecurrentCellKind.Gru => new Gru(3, 5, 2, bidirectional: true, generator: new RandomGenerator(7)),
            _ => new Rnn(3, 5, 2, cell == RecurrentCellKind.RnnRelu ? RnnNonlinearity.Relu : RnnNonlinearity.Tanh,
                bidirectional: true, generator: new RandomGenerator(7)),
        };
        var expectedWeights = direct.StateDict();
        foreach (var (name, tensor) in layer.StateDict())
        {
            Assert.Equal(expectedWeights[name].ToArray(), tensor.ToArray());
        }
    }

    [Fact]
    public void Create_rejects_an_undefined_cell_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RecurrentLayer.Create((RecurrentCellKind)42, 3, 5));
        Assert.Equal("cell", error.ParamName);
        Assert.Contains("42", error.Message);
    }
}
