using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class NarrowTests
{
    private static readonly Tensor Grid = Tensor.FromArray([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f], 3, 4);

    [Fact]
    public void Narrow_IsAViewOfTheSlice()
    {
        Tensor cols = Grid.Narrow(1, 1, 2);
        TensorAssert.Close(new float[] { 1, 2, 5, 6, 9, 10 }, [3, 2], cols);
        Assert.False(cols.IsContiguous);
        TensorAssert.Close(new float[] { 4, 5, 6, 7 }, [1, 4], Grid.Narrow(0, 1, 1));
        TensorAssert.Close(new float[] { 8, 9, 10, 11 }, [1, 4], Grid.Narrow(-2, 2, 1));
        Assert.Equal(new[] { 3, 0 }, Grid.Narrow(1, 4, 0).Shape.ToArray());
    }

    [Fact]
    public void Select_RemovesTheDimension()
    {
        TensorAssert.Close(new float[] { 4, 5, 6, 7 }, [4], Grid.Select(0, 1));
        TensorAssert.Close(new float[] { 3, 7, 11 }, [3], Grid.Select(1, -1));
        TensorAssert.Close(new float[] { 9 }, [], Grid.Select(0, 2).Select(0, 1));
    }

    [Fact]
    public void NarrowAndSelect_BackwardMatchesFiniteDifference()
    {
        Tensor x = GradInputs.Uniform(91, 3, 4, 2);
        GradientCheck.Assert(t => t[0].Narrow(1, 1, 2), [x]);
        GradientCheck.Assert(t => t[0].Narrow(-1, 1, 1).Narrow(0, 0, 2), [x]);
        GradientCheck.Assert(t => t[0].Select(1, 3), [x]);
        GradientCheck.Assert(t => t[0].Select(0, -1).Select(-1, 0), [x]);
        // Overlapping slices of one input accumulate.
        GradientCheck.Assert(t => t[0].Narrow(1, 0, 3) * t[0].Narrow(1, 1, 3), [x]);
        GradientCheck.Assert(t => t[0].T().Select(0, 1), [GradInputs.Uniform(92, 3, 4)]);
    }

    [Fact]
    public void OutOfRange_ThrowsNamingArgumentWithRangeAndValue()
    {
        var start = Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Narrow(1, 5, 0));
        Assert.Equal("start", start.ParamName);
        Assert.Contains("[0, 4]", start.Message);
        Assert.Contains("got 5", start.Message);
        var length = Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Narrow(1, 1, 4));
        Assert.Equal("length", length.ParamName);
        Assert.Contains("[0, 3]", length.Message);
        Assert.Contains("got 4", length.Message);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Narrow(2, 0, 1)).ParamName);
        var index = Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Select(0, 3));
        Assert.Equal("index", index.ParamName);
        Assert.Contains("[-3, 2]", index.Message);
        Assert.Contains("got 3", index.Message);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Select(1, -5)).ParamName);
    }
}
