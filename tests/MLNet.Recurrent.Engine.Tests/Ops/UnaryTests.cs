using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class UnaryTests
{
    public static TheoryData<string> Functions => new() { "tanh", "sigmoid", "relu", "exp", "log", "neg", "sqrt", "abs" };

    private static Tensor Apply(string name, Tensor x) => name switch
    {
        "tanh" => x.Tanh(),
        "sigmoid" => x.Sigmoid(),
        "relu" => x.Relu(),
        "exp" => x.Exp(),
        "log" => x.Log(),
        "neg" => x.Neg(),
        "sqrt" => x.Sqrt(),
        "abs" => x.Abs(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static double Reference(string name, double x) => name switch
    {
        "tanh" => Math.Tanh(x),
        "sigmoid" => 1 / (1 + Math.Exp(-x)),
        "relu" => Math.Max(x, 0),
        "exp" => Math.Exp(x),
        "log" => Math.Log(x),
        "neg" => -x,
        "sqrt" => Math.Sqrt(x),
        "abs" => Math.Abs(x),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>An input range where the function is defined and well-conditioned.</summary>
    private static (float Low, float High) Domain(string name) => name is "log" or "sqrt" ? (0.05f, 8f) : (-6f, 6f);

    [Theory]
    [MemberData(nameof(Functions))]
    public void Forward_EveryLength0To70_MatchesDoubleReference(string name)
    {
        var (low, high) = Domain(name);
        for (int n = 0; n <= 70; n++)
        {
            Tensor x = Tensor.Uniform(new RandomGenerator(n), low, high, n);
            double[] expected = [.. x.ToArray().Select(v => Reference(name, v))];
            // TensorPrimitives' vector paths are within a few ulp of the correctly rounded result.
            TensorAssert.Close(expected, [n], Apply(name, x), rtol: 1e-6, atol: 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Forward_NonContiguousInput_MatchesContiguous(string name)
    {
        var (low, high) = Domain(name);
        Tensor x = Tensor.Uniform(new RandomGenerator(3), low, high, 4, 5);
        TensorAssert.Close(Apply(name, x.T().Contiguous()), Apply(name, x.T()), rtol: 0, atol: 0);
    }

    [Fact]
    public void Forward_SpecialValues_FollowIeeeAndPyTorch()
    {
        Tensor x = Tensor.FromArray([float.NegativeInfinity, -0f, 0f, float.PositiveInfinity, float.NaN], 5);
        TensorAssert.Close(new double[] { -1, 0, 0, 1, double.NaN }, [5], x.Tanh());
        TensorAssert.Close(new double[] { 0, 0.5, 0.5, 1, double.NaN }, [5], x.Sigmoid());
        TensorAssert.Close(new double[] { 0, 1, 1, double.PositiveInfinity, double.NaN }, [5], x.Exp());
        TensorAssert.Close(new double[] { double.NaN, double.NegativeInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NaN }, [5], x.Log());
        TensorAssert.Close(new double[] { 0, 0, 0, double.PositiveInfinity }, [4], x.Narrow(0, 0, 4).Relu());
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Backward_MatchesFiniteDifference(string name)
    {
        Tensor x = name switch
        {
            "log" or "sqrt" => GradInputs.Uniform(21, 0.3f, 2f, 3, 4),
            "relu" or "abs" => GradInputs.AwayFromZero(21, 0.1f, 3, 4),   // keep x ± h on one side of the kink
            "exp" => GradInputs.Uniform(21, -2f, 1f, 3, 4),
            _ => GradInputs.Uniform(21, -2f, 2f, 3, 4),
        };
        GradientCheck.Assert(t => Apply(name, t[0]), [x]);
        GradientCheck.Assert(t => Apply(name, t[0].T()), [x]);
    }

    [Fact]
    public void ReluAndAbs_GradientAtZero_IsZero()
    {
        Tensor x = Tensor.FromArray([-1f, 0f, 2f], 3);
        x.RequiresGrad = true;
        x.Relu().Sum().Backward();
        Assert.Equal(new[] { 0f, 0f, 1f }, x.Grad!.ToArray());
        x.ZeroGrad();
        x.Abs().Sum().Backward();
        Assert.Equal(new[] { -1f, 0f, 1f }, x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(3f)]
    [InlineData(0.5f)]
    [InlineData(-1f)]
    [InlineData(1f)]
    [InlineData(0f)]
    [InlineData(2.5f)]
    [InlineData(-1.5f)]
    public void Pow_MatchesMathPowAndFiniteDifference(float exponent)
    {
        Tensor x = GradInputs.Uniform(22, 0.3f, 2f, 2, 5);
        double[] expected = [.. x.ToArray().Select(v => Math.Pow(v, exponent))];
        TensorAssert.Close(expected, [2, 5], x.Pow(exponent), rtol: 1e-6, atol: 1e-7);
        GradientCheck.Assert(t => t[0].Pow(exponent), [x]);
    }

    [Fact]
    public void Pow_IntegerExponentOfNegativeBase_IsDifferentiable()
    {
        Tensor x = GradInputs.AwayFromZero(23, 0.3f, 6);
        TensorAssert.Close([.. x.ToArray().Select(v => Math.Pow(v, 3))], [6], x.Pow(3f), rtol: 1e-6, atol: 1e-7);
        GradientCheck.Assert(t => t[0].Pow(3f), [x]);
    }
}
