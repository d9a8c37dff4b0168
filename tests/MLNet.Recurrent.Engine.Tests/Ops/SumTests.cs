using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class SumTests
{
    public static TheoryData<int[], int[], bool> Cases
    {
        get
        {
            var data = new TheoryData<int[], int[], bool>();
            (int[] Shape, int[] Dims)[] cases =
            [
                ([5], [0]),
                ([3, 4], [0]),
                ([3, 4], [1]),
                ([3, 4], [-1]),
                ([2, 3, 4], [1]),
                ([2, 3, 4], [0, 2]),
                ([2, 3, 4], [-1, -2]),
                ([2, 3, 4], [0, 1, 2]),
                ([2, 1, 3, 2], [1, 3]),
                ([3, 0, 2], [1]),
            ];
            foreach (var (shape, dims) in cases)
            {
                data.Add(shape, dims, false);
                data.Add(shape, dims, true);
            }
            return data;
        }
    }

    [Fact]
    public void SumAll_EveryLength0To70_MatchesDoubleSum()
    {
        for (int n = 0; n <= 70; n++)
        {
            Tensor x = Tensor.Uniform(new RandomGenerator(n), -1f, 1f, n);
            Tensor sum = x.Sum();
            Assert.Equal(0, sum.Rank);
            Assert.Equal(x.ToArray().Sum(v => (double)v), sum.ToScalar(), 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SumDims_MatchesNaiveReference(int[] shape, int[] dims, bool keepDim)
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(31), -1f, 1f, shape);
        Tensor result = x.Sum(dims, keepDim);
        double[] expected = ReductionReference.Reduce(x, dims, 0, (acc, v) => acc + v);
        int[] expectedShape = [.. Enumerable.Range(0, shape.Length)
            .Where(d => keepDim || !dims.Contains(d) && !dims.Contains(d - shape.Length))
            .Select(d => dims.Contains(d) || dims.Contains(d - shape.Length) ? 1 : shape[d])];
        TensorAssert.Close(expected, expectedShape, result, rtol: 1e-5, atol: 1e-6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SumDims_BackwardMatchesFiniteDifference(int[] shape, int[] dims, bool keepDim)
    {
        GradientCheck.Assert(t => t[0].Sum(dims, keepDim), [GradInputs.Uniform(32, shape)]);
    }

    [Fact]
    public void SumSingleDimAndAll_BackwardMatchesFiniteDifference_IncludingViews()
    {
        Tensor x = GradInputs.Uniform(33, 3, 4);
        GradientCheck.Assert(t => t[0].Sum(), [x]);
        GradientCheck.Assert(t => t[0].Sum(-1), [x]);
        GradientCheck.Assert(t => t[0].T().Sum(1, keepDim: true), [x]);
    }

    [Fact]
    public void Sum_OfNonContiguousView_MatchesContiguousCopy()
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(34), -1f, 1f, 3, 5);
        TensorAssert.Close(x.T().Contiguous().Sum(1), x.T().Sum(1), rtol: 0, atol: 0);
    }

    [Fact]
    public void BadDims_ThrowNamingDims()
    {
        Tensor x = Tensor.Zeros(2, 3);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Equal("dim", range.ParamName);
        Assert.Equal("dims", Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum([0, -3])).ParamName);
        Assert.Contains("[-2, 1]", range.Message);
        Assert.Contains("got 2", range.Message);
        var duplicate = Assert.Throws<ArgumentException>(() => x.Sum([1, -1]));
        Assert.Equal("dims", duplicate.ParamName);
        Assert.Contains("dimension 1 more than once", duplicate.Message);
        Assert.Equal("dims", Assert.Throws<ArgumentException>(() => x.Sum(Array.Empty<int>())).ParamName);
    }

    [Fact]
    public void Backward_TwiceAccumulatesGradient()
    {
        Tensor x = GradInputs.Uniform(35, 2, 3);
        Tensor y = (x * 3f).Sum();
        y.Backward();
        y.Backward();
        Assert.Equal(Enumerable.Repeat(6f, 6), x.Grad!.ToArray());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        Tensor x = GradInputs.Uniform(36, 2, 3);
        using (GradMode.NoGrad())
        {
            Tensor y = (x * x).Sum(0).Tanh();
            Assert.False(y.RequiresGrad);
            Assert.True(y.IsLeaf);
        }
        Assert.True((x * x).Sum().RequiresGrad);
    }
}
