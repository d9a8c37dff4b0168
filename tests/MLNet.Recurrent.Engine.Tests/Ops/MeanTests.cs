using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class MeanTests
{
    [Fact]
    public void MeanAll_IsSumOverCount_AndNaNWhenEmpty()
    {
        Tensor x = Tensor.FromArray([1f, 2f, 3f, 6f], 2, 2);
        Assert.Equal(3f, x.Mean().ToScalar());
        Assert.True(float.IsNaN(Tensor.Zeros(0).Mean().ToScalar()));
    }

    [Theory]
    [InlineData(new[] { 0 }, false)]
    [InlineData(new[] { -1 }, true)]
    [InlineData(new[] { 0, 2 }, false)]
    [InlineData(new[] { 1, 2 }, true)]
    public void MeanDims_MatchesNaiveReference(int[] dims, bool keepDim)
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(41), -1f, 1f, 2, 3, 4);
        int n = dims.Aggregate(1, (p, d) => p * x.Size(d));
        double[] expected = [.. ReductionReference.Reduce(x, dims, 0, (acc, v) => acc + v).Select(v => v / n)];
        Tensor result = x.Mean(dims, keepDim);
        Assert.Equal(expected.Length, result.Count);
        TensorAssert.Close(expected, result.ToArray(), rtol: 1e-5, atol: 1e-6);
        Assert.Equal(keepDim ? 3 : 3 - dims.Length, result.Rank);
    }

    [Fact]
    public void Mean_BackwardMatchesFiniteDifference()
    {
        Tensor x = GradInputs.Uniform(42, 2, 3, 4);
        GradientCheck.Assert(t => t[0].Mean(), [x]);
        GradientCheck.Assert(t => t[0].Mean(1), [x]);
        GradientCheck.Assert(t => t[0].Mean(-1, keepDim: true), [x]);
        GradientCheck.Assert(t => t[0].Mean([0, 2]), [x]);
    }

    [Fact]
    public void BadDim_ThrowsNamingDim()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Mean(-3));
        Assert.Equal("dim", error.ParamName);
        Assert.Equal("dims", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Mean([0, 2])).ParamName);
        Assert.Contains("got -3", error.Message);
    }
}
