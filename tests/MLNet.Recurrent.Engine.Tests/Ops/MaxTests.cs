using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class MaxTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(-1, false)]
    public void MaxDim_MatchesNaiveReference(int dim, bool keepDim)
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(51), -1f, 1f, 3, 4, 5);
        double[] expected = ReductionReference.Reduce(x, [dim], double.NegativeInfinity, Math.Max);
        Tensor result = x.Max(dim, keepDim);
        Assert.Equal(keepDim ? 3 : 2, result.Rank);
        TensorAssert.Close(expected, result.ToArray(), rtol: 0, atol: 0);
    }

    [Fact]
    public void MaxAll_AndNaNPropagation()
    {
        Tensor x = Tensor.FromArray([1f, 7f, -2f, 7f], 2, 2);
        Assert.Equal(7f, x.Max().ToScalar());
        Assert.Equal(new[] { 7f, 7f }, x.Max(1).ToArray());
        Tensor withNaN = Tensor.FromArray([1f, float.NaN, 3f], 3);
        Assert.True(float.IsNaN(withNaN.Max(0).ToScalar()));
        Assert.True(float.IsNaN(withNaN.Max().ToScalar()));
    }

    [Fact]
    public void Max_GradientGoesToFirstMaximumOnly()
    {
        Tensor x = Tensor.FromArray([1f, 7f, 7f, 2f], 4);
        x.RequiresGrad = true;
        x.Max(0).Backward();
        Assert.Equal(new[] { 0f, 1f, 0f, 0f }, x.Grad!.ToArray());
    }

    [Fact]
    public void Max_BackwardMatchesFiniteDifference()
    {
        // Values 0.1 apart: no tie comes within the finite-difference step.
        Tensor x = GradInputs.Distinct(52, 0.1f, 3, 4);
        GradientCheck.Assert(t => t[0].Max(), [x]);
        GradientCheck.Assert(t => t[0].Max(0), [x]);
        GradientCheck.Assert(t => t[0].Max(-1, keepDim: true), [x]);
        GradientCheck.Assert(t => t[0].T().Max(0), [x]);
    }

    [Fact]
    public void EmptyDimensionOrTensor_Throws()
    {
        var error = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 0).Max(1));
        Assert.Contains("non-zero size in dimension 1", error.Message);
        Assert.Contains("got (2, 0)", error.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(0).Max());
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2).Max(1)).ParamName);
    }
}
