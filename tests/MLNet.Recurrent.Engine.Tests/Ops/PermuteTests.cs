using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class PermuteTests
{
    [Fact]
    public void Permute_IsAViewWithReorderedDimensions()
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(121), -1f, 1f, 2, 3, 4);
        Tensor p = x.Permute(2, 0, 1);
        Assert.Equal(new[] { 4, 2, 3 }, p.Shape.ToArray());
        Assert.Equal(x[1, 2, 3], p[3, 1, 2]);
        Assert.Equal(x[0, 1, 2], p[2, 0, 1]);
        TensorAssert.Close(x.Transpose(0, 1), x.Permute(1, 0, -1), 0, 0);
    }

    [Fact]
    public void Permute_BackwardMatchesFiniteDifference()
    {
        GradientCheck.Assert(t => t[0].Permute(2, 0, 1), [GradInputs.Uniform(122, 2, 3, 4)]);
        GradientCheck.Assert(t => t[0].Permute(1, 2, 0).Permute(0, 2, 1), [GradInputs.Uniform(123, 2, 3, 4)]);
    }

    [Fact]
    public void Permute_BadDims_Throw()
    {
        Tensor x = Tensor.Zeros(2, 3);
        Assert.Contains("permutation of 2 dimensions", Assert.Throws<ArgumentException>(() => x.Permute(0)).Message);
        Assert.Contains("dimension 0 more than once", Assert.Throws<ArgumentException>(() => x.Permute(0, -2)).Message);
        Assert.Equal("dims", Assert.Throws<ArgumentOutOfRangeException>(() => x.Permute(0, 2)).ParamName);
    }

    [Fact]
    public void SqueezeAndUnsqueeze_ChangeOnlySizeOneDimensions()
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(124), -1f, 1f, 2, 1, 3, 1);
        Assert.Equal(new[] { 2, 3 }, x.Squeeze().Shape.ToArray());
        Assert.Equal(new[] { 2, 3, 1 }, x.Squeeze(1).Shape.ToArray());
        Assert.Same(x, x.Squeeze(0));
        Assert.Equal(new[] { 1, 2, 1, 3, 1 }, x.Unsqueeze(0).Shape.ToArray());
        Assert.Equal(new[] { 2, 1, 3, 1, 1 }, x.Unsqueeze(-1).Shape.ToArray());
        TensorAssert.Close(x, x.Unsqueeze(2).Squeeze(2), 0, 0);
        Tensor t = Tensor.Uniform(new RandomGenerator(125), -1f, 1f, 3, 4).T();
        TensorAssert.Close(t.Contiguous().Reshape(4, 1, 3), t.Unsqueeze(1), 0, 0);
        Assert.Equal(0, Tensor.Ones(1, 1).Squeeze().Rank);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => x.Unsqueeze(5)).ParamName);
    }

    [Fact]
    public void SqueezeAndUnsqueeze_BackwardMatchesFiniteDifference()
    {
        Tensor x = GradInputs.Uniform(126, 2, 1, 3);
        GradientCheck.Assert(t => t[0].Squeeze(), [x]);
        GradientCheck.Assert(t => t[0].Squeeze(-2), [x]);
        GradientCheck.Assert(t => t[0].Unsqueeze(0).Unsqueeze(-1).Transpose(0, 3), [x]);
    }

    [Fact]
    public void BroadcastTo_RepeatsWithoutCopyAndSumsGradient()
    {
        Tensor row = Tensor.FromArray([1f, 2f, 3f], 3);
        Tensor grid = row.BroadcastTo(2, 3);
        Assert.Equal(0, grid.Strides[0]);
        TensorAssert.Close(new float[] { 1, 2, 3, 1, 2, 3 }, [2, 3], grid);
        TensorAssert.Close(new float[] { 1, 1, 2, 2, 3, 3 }, [3, 2], Tensor.FromArray([1f, 2f, 3f], 3, 1).BroadcastTo(3, 2));
        GradientCheck.Assert(t => t[0].BroadcastTo(2, 4, 3), [GradInputs.Uniform(127, 4, 1)]);
        GradientCheck.Assert(t => t[0].BroadcastTo(2, 3) * t[1], [GradInputs.Uniform(128, 3), GradInputs.Uniform(129, 2, 3)]);
        var error = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(3, 2).BroadcastTo(3, 4));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("that (3, 2) broadcasts to", error.Message);
        Assert.Contains("got (3, 4)", error.Message);
    }

    [Fact]
    public void BroadcastView_FeedsOtherOps()
    {
        Tensor w = GradInputs.Uniform(130, 3, 1);
        Tensor b = GradInputs.Uniform(131, 2, 4);
        GradientCheck.Assert(t => t[0].BroadcastTo(2, 3, 4).MatMul(t[1].T()).Softmax(-1), [w, GradInputs.Uniform(132, 5, 4)]);
        GradientCheck.Assert(t => t[1].Unsqueeze(1).BroadcastTo(2, 3, 4).Sum(0) * t[0], [w, b]);
    }
}
