using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using static MLNet.Recurrent.Engine.Tests.Nn.Attention.ScaledDotProductAttentionTests;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

public class AttentionPoolingTests
{
    private const int Steps = 5, Batch = 3, Features = 4;

    public static TheoryData<bool, string> GradientCases
    {
        get
        {
            var data = new TheoryData<bool, string>();
            foreach (string variant in new[] { "none", "lengths", "mask_bool", "mask_float", "lengths_and_mask" })
            {
                data.Add(false, variant);
                data.Add(true, variant);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Backward_MatchesFiniteDifferences(bool batchFirst, string variant)
    {
        var layer = new AttentionPooling(Features, attentionSize: 3, batchFirst, new RandomGenerator(1));
        Tensor input = batchFirst ? GradInputs.Uniform(2, Batch, Steps, Features) : GradInputs.Uniform(2, Steps, Batch, Features);
        int[]? lengths = variant.Contains("lengths") ? [5, 2, 4] : null;
        AttentionMask? mask = variant switch
        {
            "mask_bool" or "lengths_and_mask" => AttentionMask.FromBoolean(Pattern(Batch * Steps, Steps), Batch, Steps),
            "mask_float" => AttentionMask.FromAdditive(Tensor.Uniform(new RandomGenerator(3), -1, 1, Batch, Steps)),
            _ => null,
        };
        GradientCheck.Assert(x =>
        {
            AttentionOutput r = layer.Forward(x[0], lengths, mask);
            return [r.Context, r.Weights];
        }, [input], layer.Parameters());
    }

    [Fact]
    public void PaddedStepsDoNotChangeTheResult()
    {
        var layer = new AttentionPooling(Features, generator: new RandomGenerator(4));
        Tensor input = Tensor.Normal(new RandomGenerator(5), 0, 1, Steps, Batch, Features);
        AttentionOutput withPadding = layer.Forward(input, [2, 5, 3]);
        // Sequence 0 cut to its 2 steps, alone.
        AttentionOutput alone = layer.Forward(input.Narrow(0, 0, 2).Narrow(1, 0, 1));
        TensorAssert.Close(alone.Context, withPadding.Context.Narrow(0, 0, 1), 1e-6, 1e-7);
        TensorAssert.Close(alone.Weights, withPadding.Weights.Narrow(0, 0, 1).Narrow(1, 0, 2), 1e-6, 1e-7);
    }

    [Fact]
    public void Parameters_AreNamedAndShaped()
    {
        var layer = new AttentionPooling(4, 3);
        Assert.Equal(
            new[] { "query (3,)", "proj.weight (3, 4)", "proj.bias (3,)" },
            layer.NamedParameters().Select(p => $"{p.Key} {ShapeText.Format(p.Value.Shape)}"));
        Assert.Equal(4, new AttentionPooling(4).AttentionSize);
    }

    [Fact]
    public void Validation_NamesTheArgument()
    {
        var layer = new AttentionPooling(Features);
        AssertShapeError("input", "(L ≥ 1, N, H=4)", () => layer.Forward(Tensor.Zeros(Steps, Batch, 3)));
        AssertShapeError("input", "(L ≥ 1, N, H=4)", () => layer.Forward(Tensor.Zeros(Batch, Features)));
        AssertShapeError("input", "(N, L ≥ 1, H=4)", () => new AttentionPooling(Features, batchFirst: true).Forward(Tensor.Zeros(Batch, 0, Features)));
        AssertShapeError("mask", "(N=3, L=5)", () => layer.Forward(Tensor.Zeros(Steps, Batch, Features), mask: AttentionMask.FromBoolean(new bool[15], Steps, Batch)));
        Assert.Equal("lengths", Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(Tensor.Zeros(Steps, Batch, Features), [1, 6, 1])).ParamName);
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new AttentionPooling(0)).ParamName);
        Assert.Equal("attentionSize", Assert.Throws<ArgumentOutOfRangeException>(() => new AttentionPooling(2, 0)).ParamName);
    }
}
