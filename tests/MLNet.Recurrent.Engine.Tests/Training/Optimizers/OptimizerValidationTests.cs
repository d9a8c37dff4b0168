using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

public class OptimizerValidationTests
{
    private static Tensor Leaf(params int[] shape)
    {
        Tensor t = Tensor.Zeros(shape);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Parameters_Empty_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sgd([], 0.1f));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("at least one", error.Message);
    }

    [Fact]
    public void Parameters_Null_IsRejected()
    {
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => new Adam(null!)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => new Adam([Leaf(2), null!]));
        Assert.Contains("null at index 1", error.Message);
    }

    [Fact]
    public void Parameters_NotRequiringGrad_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new AdamW([Leaf(2), Tensor.Zeros(3)]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("require grad", error.Message);
        Assert.Contains("index 1", error.Message);
    }

    [Fact]
    public void Parameters_NonLeaf_IsRejected()
    {
        Tensor leaf = Leaf(2);
        var error = Assert.Throws<ArgumentException>(() => new RmsProp([leaf * leaf]));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("leaf", error.Message);
    }

    [Fact]
    public void Parameters_Duplicate_IsRejected()
    {
        Tensor a = Leaf(2), b = Leaf(3);
        var error = Assert.Throws<ArgumentException>(() => new Sgd([a, b, a], 0.1f));
        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("index 2 repeating index 0", error.Message);
    }

    [Fact]
    public void Parameters_NonContiguous_IsRejected()
    {
        Tensor view = Tensor.Zeros(3, 4).Transpose(0, 1);
        view.RequiresGrad = true;
        var error = Assert.Throws<ArgumentException>(() => new Sgd([view], 0.1f));
        Assert.Contains("contiguous", error.Message);
    }

    public static TheoryData<string, Func<Tensor[], Optimizer>> OutOfRange() => new()
    {
        { "learningRate", p => new Sgd(p, -0.1f) },
        { "learningRate", p => new Adam(p, float.NaN) },
        { "learningRate", p => new RmsProp(p, float.PositiveInfinity) },
        { "momentum", p => new Sgd(p, 0.1f, momentum: -0.9f) },
        { "dampening", p => new Sgd(p, 0.1f, momentum: 0.9f, dampening: float.NaN) },
        { "weightDecay", p => new Sgd(p, 0.1f, weightDecay: -1f) },
        { "beta1", p => new Adam(p, beta1: 1f) },
        { "beta1", p => new AdamW(p, beta1: -0.1f) },
        { "beta2", p => new Adam(p, beta2: 1.5f) },
        { "eps", p => new AdamW(p, eps: -1e-8f) },
        { "weightDecay", p => new AdamW(p, weightDecay: -0.01f) },
        { "alpha", p => new RmsProp(p, alpha: -0.99f) },
        { "eps", p => new RmsProp(p, eps: float.NaN) },
        { "momentum", p => new RmsProp(p, momentum: -1f) },
        { "weightDecay", p => new RmsProp(p, weightDecay: float.NegativeInfinity) },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void HyperParameter_OutOfRange_NamesTheArgument(string argument, Func<Tensor[], Optimizer> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create([Leaf(2)]));
        Assert.Equal(argument, error.ParamName);
        Assert.StartsWith(argument + ": expected", error.Message);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0.9f, 0.1f)]
    public void Nesterov_WithoutMomentumOrWithDampening_IsRejected(float momentum, float dampening)
    {
        var error = Assert.Throws<ArgumentException>(() => new Sgd([Leaf(2)], 0.1f, momentum, dampening, nesterov: true));
        Assert.Equal("nesterov", error.ParamName);
        Assert.Contains("momentum > 0 and dampening = 0", error.Message);
    }

    [Fact]
    public void LearningRateSetter_Negative_IsRejected()
    {
        var optimizer = new Adam([Leaf(2)]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = -1f);
        Assert.Equal("LearningRate", error.ParamName);
        Assert.Equal(1e-3f, optimizer.LearningRate);
    }

    [Fact]
    public void Defaults_AreTorchs()
    {
        var adam = new Adam([Leaf(1)]);
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.Amsgrad));
        var adamW = new AdamW([Leaf(1)]);
        Assert.Equal(1e-2f, adamW.WeightDecay);
        var rmsProp = new RmsProp([Leaf(1)]);
        Assert.Equal((1e-2f, 0.99f, 1e-8f, 0f, 0f, false), (rmsProp.LearningRate, rmsProp.Alpha, rmsProp.Epsilon, rmsProp.WeightDecay, rmsProp.Momentum, rmsProp.Centered));
    }
}
