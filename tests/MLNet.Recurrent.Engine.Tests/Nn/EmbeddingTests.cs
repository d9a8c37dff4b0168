using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class EmbeddingTests
{
    [Fact]
    public void Forward_CopiesRowsAndPaddingRowStartsAtZero()
    {
        var embedding = new Embedding(5, 3, paddingIndex: 0);
        Assert.All(embedding.Weight.Narrow(0, 0, 1).ToArray(), v => Assert.Equal(0f, v));
        Tensor y = embedding.Forward([2, 0, 2, 4], 2, 2);
        Assert.Equal(new[] { 2, 2, 3 }, y.Shape.ToArray());
        Assert.Equal(embedding.Weight.Narrow(0, 2, 1).ToArray(), y.Select(0, 0).Select(0, 0).ToArray());
    }

    [Fact]
    public void Backward_ScatterAddsRepeatedIndicesAndSkipsPadding()
    {
        var embedding = new Embedding(4, 2, paddingIndex: -1);
        Assert.Equal(3, embedding.PaddingIndex);
        Tensor y = embedding.Forward([1, 3, 1, 2]);
        y.Backward(Tensor.FromArray([1, 2, 3, 4, 5, 6, 7, 8], 4, 2));
        Assert.Equal(new float[] { 0, 0, 1 + 5, 2 + 6, 7, 8, 0, 0 }, embedding.Weight.Grad!.ToArray());
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var embedding = new Embedding(6, 3, generator: new RandomGenerator(4));
        int[] indices = [5, 1, 1, 0, 3];
        GradientCheck.Assert(_ => [embedding.Forward(indices).Tanh()], [], embedding.Parameters());
    }

    [Fact]
    public void Forward_IndexOutOfRange_NamesIndices()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 2).Forward([0, 4]));
        Assert.Equal("indices", error.ParamName);
        Assert.Contains("indices[1] in [0, 3]", error.Message);
    }
}
