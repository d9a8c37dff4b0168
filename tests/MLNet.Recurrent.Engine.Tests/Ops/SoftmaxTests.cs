using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class SoftmaxTests
{
    /// <summary>softmax (or log-softmax) along <paramref name="dim"/> in double, by index arithmetic.</summary>
    private static double[] Reference(Tensor x, int dim, bool log)
    {
        int d = dim < 0 ? dim + x.Rank : dim;
        int outer = 1, inner = 1, size = x.Shape[d];
        for (int k = 0; k < d; k++)
        {
            outer *= x.Shape[k];
        }
        for (int k = d + 1; k < x.Rank; k++)
        {
            inner *= x.Shape[k];
        }
        float[] v = x.ToArray();
        var y = new double[v.Length];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int k = 0; k < size; k++)
                {
                    max = Math.Max(max, v[(o * size + k) * inner + i]);
                }
                for (int k = 0; k < size; k++)
                {
                    sum += Math.Exp(v[(o * size + k) * inner + i] - max);
                }
                for (int k = 0; k < size; k++)
                {
                    double shifted = v[(o * size + k) * inner + i] - max;
                    y[(o * size + k) * inner + i] = log ? shifted - Math.Log(sum) : Math.Exp(shifted) / sum;
                }
            }
        }
        return y;
    }

    public static TheoryData<int[], int, bool> Cases
    {
        get
        {
            var data = new TheoryData<int[], int, bool>();
            foreach (bool log in new[] { false, true })
            {
                data.Add([7], 0, log);
                data.Add([3, 5], -1, log);
                data.Add([3, 5], 0, log);
                data.Add([2, 3, 4], 1, log);
                data.Add([2, 3, 4], -1, log);
                data.Add([2, 3, 4], 0, log);
            }
            return data;
        }
    }

    private static Tensor Apply(Tensor x, int dim, bool log) => log ? x.LogSoftmax(dim) : x.Softmax(dim);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_MatchesDoubleReference(int[] shape, int dim, bool log)
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(61), -3f, 3f, shape);
        TensorAssert.Close(Reference(x, dim, log), shape, Apply(x, dim, log), rtol: 2e-6, atol: 1e-6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesFiniteDifference(int[] shape, int dim, bool log)
    {
        GradientCheck.Assert(t => Apply(t[0], dim, log), [GradInputs.Uniform(62, -2f, 2f, shape)]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backward_OfTransposedView_MatchesFiniteDifference(bool log)
    {
        GradientCheck.Assert(t => Apply(t[0].T(), 1, log), [GradInputs.Uniform(63, -2f, 2f, 4, 3)]);
    }

    [Fact]
    public void Softmax_EveryRowLength1To70_SumsToOne()
    {
        for (int n = 1; n <= 70; n++)
        {
            Tensor y = Tensor.Uniform(new RandomGenerator(n), -5f, 5f, 2, n).Softmax(-1);
            Tensor sums = y.Sum(-1);
            TensorAssert.Close(new double[] { 1, 1 }, [2], sums, rtol: 0, atol: 2e-6);
        }
    }

    [Fact]
    public void LargeInputs_StayFinite()
    {
        Tensor x = Tensor.FromArray([1000f, 1001f, 1002f, -1000f, 0f, 1000f], 2, 3);
        Tensor y = x.Softmax(-1);
        Tensor logY = x.LogSoftmax(-1);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
        TensorAssert.Close(Reference(x, -1, log: false), [2, 3], y, rtol: 1e-6, atol: 1e-7);
        TensorAssert.Close(Reference(x, -1, log: true), [2, 3], logY, rtol: 1e-6, atol: 1e-6);
        // log-softmax keeps the underflowed entry finite (−2000), where ln(softmax) would be −∞.
        Assert.Equal(-2000f, logY[1, 0], 1e-3f);
    }

    [Fact]
    public void BadDim_ThrowsNamingDim()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Softmax(2));
        Assert.Equal("dim", error.ParamName);
        Assert.Contains("[-2, 1]", error.Message);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).LogSoftmax(-3)).ParamName);
    }
}
