using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class IndexSelectTests
{
    private static readonly Tensor Grid = Tensor.FromArray([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f], 3, 4);

    [Fact]
    public void IndexSelect_PicksSlicesInOrderWithRepeats()
    {
        TensorAssert.Close(new float[] { 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11 }, [3, 4], Grid.IndexSelect(0, [2, 0, 2]));
        TensorAssert.Close(new float[] { 3, 1, 7, 5, 11, 9 }, [3, 2], Grid.IndexSelect(-1, [3, 1]));
        TensorAssert.Close(new float[] { 4, 5, 6, 7 }, [1, 4], Grid.T().IndexSelect(1, [1]).T());
        Assert.Equal(new[] { 0, 4 }, Grid.IndexSelect(0, []).Shape.ToArray());
    }

    [Fact]
    public void IndexSelect_RepeatedIndicesAccumulateGradient()
    {
        Tensor weight = GradInputs.Uniform(101, 4, 3);
        weight.IndexSelect(0, [1, 3, 1, 1]).Sum().Backward();
        TensorAssert.Close(new float[] { 0, 0, 0, 3, 3, 3, 0, 0, 0, 1, 1, 1 }, [4, 3], weight.Grad!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void IndexSelect_BackwardMatchesFiniteDifference(int dim)
    {
        Tensor x = GradInputs.Uniform(102, 3, 4, 2);
        int[] indices = dim == 0 ? [2, 0, 2, 1] : dim == 1 ? [3, 3, 0] : [1, 0, 1];
        GradientCheck.Assert(t => t[0].IndexSelect(dim, indices), [x]);
        GradientCheck.Assert(t => t[0].Permute(2, 0, 1).IndexSelect(dim, dim == 1 ? [2, 2] : [1, 1]), [x]);
    }

    [Fact]
    public void OutOfRangeIndex_ThrowsNamingIndicesWithRangeAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Grid.IndexSelect(0, [0, 3]));
        Assert.Equal("indices", error.ParamName);
        Assert.Contains("[0, 2]", error.Message);
        Assert.Contains("indices[1]", error.Message);
        Assert.Contains("got 3", error.Message);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => Grid.IndexSelect(1, [-1])).ParamName);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => Grid.IndexSelect(2, [0])).ParamName);
    }
}
