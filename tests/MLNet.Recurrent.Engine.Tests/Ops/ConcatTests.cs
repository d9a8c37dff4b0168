using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class ConcatTests
{
    [Fact]
    public void Concat_JoinsAlongEachDimension()
    {
        Tensor a = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
        Tensor b = Tensor.FromArray([5f, 6f], 1, 2);
        Tensor c = Tensor.FromArray([7f, 8f], 2, 1);
        TensorAssert.Close(new float[] { 1, 2, 3, 4, 5, 6 }, [3, 2], Tensor.Concat([a, b], 0));
        TensorAssert.Close(new float[] { 1, 2, 7, 3, 4, 8 }, [2, 3], Tensor.Concat([a, c], -1));
        TensorAssert.Close(new float[] { 1, 2, 3, 4 }, [2, 2], Tensor.Concat([a], 1));
        TensorAssert.Close(new float[] { 1, 1, 2, 2, 3, 4 }, [2, 3], Tensor.Concat([a.T().Narrow(1, 0, 1), a], 1));
    }

    [Fact]
    public void Concat_WithEmptyPiece_SkipsIt()
    {
        Tensor a = Tensor.FromArray([1f, 2f], 1, 2);
        TensorAssert.Close(new float[] { 1, 2 }, [1, 2], Tensor.Concat([Tensor.Zeros(0, 2), a], 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_BackwardMatchesFiniteDifference(int dim)
    {
        int[] shapeB = dim == 0 ? [3, 3, 2] : dim == 1 ? [2, 1, 2] : [2, 3, 4];
        Tensor a = GradInputs.Uniform(81, 2, 3, 2);
        Tensor b = GradInputs.Uniform(82, shapeB);
        GradientCheck.Assert(x => Tensor.Concat([x[0], x[1], x[0]], dim), [a, b]);
    }

    [Fact]
    public void Concat_OnlySomeInputsRequireGrad()
    {
        Tensor a = GradInputs.Uniform(83, 2, 3);
        Tensor constant = Tensor.Ones(2, 2);
        GradientCheck.Assert(x => Tensor.Concat([x[1], x[0].T().T()], 1), [a, constant]);
        Tensor.Concat([constant, a], 1).Sum().Backward();
        Assert.Null(constant.Grad);
        Assert.All(a.Grad!.ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Concat_BadArguments_ThrowNamingTheTensor()
    {
        var shape = Assert.Throws<TensorShapeException>(() => Tensor.Concat([Tensor.Zeros(2, 3, 4), Tensor.Zeros(2, 3, 5)], 1));
        Assert.Equal("tensors[1]", shape.ParamName);
        Assert.Contains("tensors[1]: expected shape (2, *, 4) to match tensors[0] (2, 3, 4)", shape.Message);
        Assert.Contains("got (2, 3, 5)", shape.Message);
        var rank = Assert.Throws<TensorShapeException>(() => Tensor.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(6)], 0));
        Assert.Equal("tensors[1]", rank.ParamName);
        Assert.Equal("tensors", Assert.Throws<ArgumentException>(() => Tensor.Concat([], 0)).ParamName);
        Assert.Equal("tensors[0]", Assert.Throws<TensorShapeException>(() => Tensor.Concat([Tensor.Scalar(1f)], 0)).ParamName);
        Assert.Equal("tensors[1]", Assert.Throws<ArgumentNullException>(() => Tensor.Concat([Tensor.Zeros(2), null!], 0)).ParamName);
        var dim = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Concat([Tensor.Zeros(2, 3)], 2));
        Assert.Equal("dim", dim.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Stack_InsertsNewDimensionAndMatchesFiniteDifference(int dim)
    {
        Tensor a = GradInputs.Uniform(84, 2, 3);
        Tensor b = GradInputs.Uniform(85, 2, 3);
        Tensor stacked = Tensor.Stack([a, b], dim);
        int d = dim < 0 ? dim + 3 : dim;
        Assert.Equal(2, stacked.Size(d));
        TensorAssert.Close(a, stacked.Select(d, 0), 0, 0);
        TensorAssert.Close(b, stacked.Select(d, 1), 0, 0);
        GradientCheck.Assert(x => Tensor.Stack([x[0], x[1], x[0]], dim), [a, b]);
    }

    [Fact]
    public void Stack_BadArguments_Throw()
    {
        var shape = Assert.Throws<TensorShapeException>(() => Tensor.Stack([Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)]));
        Assert.Contains("tensors[1]: expected shape (2, 3) like tensors[0], got (3, 2)", shape.Message);
        var dim = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Stack([Tensor.Zeros(2, 3)], 3));
        Assert.Equal("dim", dim.ParamName);
        Assert.Contains("[-3, 2]", dim.Message);
    }
}
