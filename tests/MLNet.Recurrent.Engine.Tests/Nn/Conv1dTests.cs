using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class Conv1dTests
{
    /// <summary>stride × padding × dilation × groups × bias.</summary>
    public static IEnumerable<object[]> Options()
    {
        foreach (int stride in new[] { 1, 2, 3 })
        {
            foreach (int padding in new[] { 0, 1, 2 })
            {
                foreach (int dilation in new[] { 1, 2 })
                {
                    foreach (int groups in new[] { 1, 2 })
                    {
                        foreach (bool bias in new[] { true, false })
                        {
                            yield return [stride, padding, dilation, groups, bias];
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Backward_MatchesFiniteDifferences(int stride, int padding, int dilation, int groups, bool bias)
    {
        var conv = new Conv1d(4, 6, 3, stride, padding, dilation, groups, bias, new RandomGenerator(11));
        Tensor x = GradInputs.Uniform(12, 2, 4, 9);
        GradientCheck.Assert(v => [conv.Forward(v[0])], [x], conv.Parameters());
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Forward_MatchesDirectSum(int stride, int padding, int dilation, int groups, bool bias)
    {
        var conv = new Conv1d(4, 6, 3, stride, padding, dilation, groups, bias, new RandomGenerator(11));
        Tensor x = Tensor.Uniform(new RandomGenerator(12), -1, 1, 2, 4, 9);
        TensorAssert.Close(DirectSum(conv, x), conv.Forward(x), rtol: 1e-5, atol: 1e-6);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    public void Depthwise_BackwardMatchesFiniteDifferences(int kernelSize, int padding)
    {
        var conv = new Conv1d(3, 6, kernelSize, padding: padding, groups: 3, generator: new RandomGenerator(2));
        Tensor x = GradInputs.Uniform(3, 2, 3, 7);
        GradientCheck.Assert(v => [conv.Forward(v[0])], [x], conv.Parameters());
        TensorAssert.Close(DirectSum(conv, x.Detach()), conv.Forward(x.Detach()), rtol: 1e-5, atol: 1e-6);
    }

    [Theory]
    [InlineData(1, 3, 1, 2, 2)] // one output; every tap but the middle one reads padding
    [InlineData(2, 5, 1, 2, 1)] // kernel longer than the input, fitted by padding
    [InlineData(4, 2, 5, 1, 3)] // stride longer than the input
    [InlineData(3, 1, 2, 2, 1)] // pointwise kernel with padding: outputs at the borders are bias only
    public void EdgeGeometries_MatchDirectSumAndFiniteDifferences(int inputLength, int kernelSize, int stride, int padding, int dilation)
    {
        var conv = new Conv1d(2, 2, kernelSize, stride, padding, dilation, generator: new RandomGenerator(8));
        Tensor x = GradInputs.Uniform(9, 2, 2, inputLength);
        TensorAssert.Close(DirectSum(conv, x.Detach()), conv.Forward(x.Detach()), rtol: 1e-5, atol: 1e-6);
        GradientCheck.Assert(v => [conv.Forward(v[0])], [x], conv.Parameters());
    }

    [Fact]
    public void UnbatchedInput_GivesUnbatchedOutput_EqualToBatchOfOne()
    {
        var conv = new Conv1d(2, 3, 3, stride: 2, padding: 1);
        Tensor x = GradInputs.Uniform(4, 2, 7);
        Tensor y = conv.Forward(x);
        Assert.Equal(new[] { 3, 4 }, y.Shape.ToArray());
        TensorAssert.Close(conv.Forward(x.Detach().Reshape(1, 2, 7)).Reshape(3, 4), y, rtol: 0, atol: 0);
        GradientCheck.Assert(v => [conv.Forward(v[0])], [x], conv.Parameters());
    }

    [Fact]
    public void Forward_SimpleKernel_IsCrossCorrelation()
    {
        var conv = new Conv1d(1, 1, 2);
        conv.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray([1f, -1f], 1, 1, 2),
            ["bias"] = Tensor.FromArray([0.5f], 1),
        });
        Tensor y = conv.Forward(Tensor.FromArray([1f, 2f, 4f, 7f], 1, 1, 4));
        Assert.Equal(new[] { -0.5f, -1.5f, -2.5f }, y.ToArray());
    }

    [Theory]
    [InlineData(10, 3, 1, 0, 1, 8)]
    [InlineData(10, 3, 2, 1, 1, 5)]
    [InlineData(10, 3, 1, 0, 3, 4)]
    [InlineData(5, 5, 3, 0, 1, 1)]
    [InlineData(1, 3, 1, 1, 1, 1)]
    public void OutputLength_FollowsPyTorchFormula(int inputLength, int kernelSize, int stride, int padding, int dilation, int expected)
    {
        var conv = new Conv1d(1, 1, kernelSize, stride, padding, dilation);
        Assert.Equal(expected, conv.OutputLength(inputLength));
        Assert.Equal(expected, conv.Forward(Tensor.Zeros(1, 1, inputLength)).Size(-1));
    }

    [Fact]
    public void Parameters_HavePyTorchNamesShapesAndBounds()
    {
        var conv = new Conv1d(4, 6, 5, groups: 2, generator: new RandomGenerator(3));
        Assert.Equal(new[] { "weight", "bias" }, conv.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal(new[] { 6, 2, 5 }, conv.Weight.Shape.ToArray());
        Assert.Equal(new[] { 6 }, conv.BiasParameter!.Shape.ToArray());
        float bound = 1f / MathF.Sqrt(2 * 5);
        Assert.All(conv.Weight.ToArray().Concat(conv.BiasParameter.ToArray()), v => Assert.InRange(v, -bound, bound));
        Assert.True(conv.Weight.ToArray().Max() > 0.8f * bound);
        Assert.Equal(conv.Weight.ToArray(), new Conv1d(4, 6, 5, groups: 2, generator: new RandomGenerator(3)).Weight.ToArray());
        Assert.Single(new Conv1d(4, 6, 5, bias: false).Parameters());
    }

    [Theory]
    [InlineData(new[] { 2, 3, 8 })]
    [InlineData(new[] { 4, 8 })]
    [InlineData(new[] { 8 })]
    [InlineData(new[] { 1, 2, 4, 8 })]
    public void Forward_WrongRankOrChannels_NamesInput(int[] shape)
    {
        var error = Assert.Throws<TensorShapeException>(() => new Conv1d(2, 3, 3).Forward(Tensor.Zeros(shape)));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("(N, C_in=2, L_in)", error.Message);
        Assert.Contains("got " + ShapeText.Format(shape), error.Message);
    }

    [Fact]
    public void Forward_InputShorterThanKernel_SaysWhy()
    {
        var error = Assert.Throws<TensorShapeException>(() => new Conv1d(2, 3, 3, padding: 1, dilation: 3).Forward(Tensor.Zeros(1, 2, 4)));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("L_in ≥ 5", error.Message);
        Assert.Contains("kernel", error.Message);
        Assert.Contains("= 7 positions", error.Message);
        Assert.Contains("L_in + 2·padding = 6", error.Message);
        Assert.Contains("got (1, 2, 4)", error.Message);
    }

    [Fact]
    public void Constructor_InvalidArguments_NameThem()
    {
        Assert.Equal("inChannels", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(0, 1, 1)).ParamName);
        Assert.Equal("outChannels", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(1, 0, 1)).ParamName);
        Assert.Equal("kernelSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(1, 1, 0)).ParamName);
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(1, 1, 1, stride: 0)).ParamName);
        Assert.Equal("padding", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(1, 1, 1, padding: -1)).ParamName);
        Assert.Equal("dilation", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(1, 1, 1, dilation: 0)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1d(1, 1, 1, groups: 0)).ParamName);
        var groups = Assert.Throws<ArgumentException>(() => new Conv1d(4, 6, 1, groups: 4));
        Assert.Equal("groups", groups.ParamName);
        Assert.Contains("C_in=4 and C_out=6", groups.Message);
    }

    /// <summary>out(n, o, l) = b(o) + Σ_{c in o's group} Σ_j W(o, c, j)·x(n, c, l·stride + j·dilation − padding), in double.</summary>
    private static Tensor DirectSum(Conv1d conv, Tensor input)
    {
        int batch = input.Size(0), length = input.Size(2), outLength = conv.OutputLength(length);
        int groupIn = conv.InChannels / conv.Groups, groupOut = conv.OutChannels / conv.Groups;
        var y = new float[batch * conv.OutChannels * outLength];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < conv.OutChannels; o++)
            {
                for (int l = 0; l < outLength; l++)
                {
                    double sum = conv.BiasParameter?[o] ?? 0;
                    for (int c = 0; c < groupIn; c++)
                    {
                        for (int j = 0; j < conv.KernelSize; j++)
                        {
                            int at = l * conv.Stride + j * conv.Dilation - conv.Padding;
                            if (at >= 0 && at < length)
                            {
                                sum += (double)conv.Weight[o, c, j] * input[n, o / groupOut * groupIn + c, at];
                            }
                        }
                    }
                    y[(n * conv.OutChannels + o) * outLength + l] = (float)sum;
                }
            }
        }
        return Tensor.FromArray(y, batch, conv.OutChannels, outLength);
    }
}
