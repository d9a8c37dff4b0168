using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using static MLNet.Recurrent.Engine.Tests.Nn.Attention.ScaledDotProductAttentionTests;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

public class MultiheadAttentionTests
{
    private const int Embed = 4, Heads = 2, Batch = 2, Targets = 3, Source = 4;

    /// <summary>A layer with every parameter random (PyTorch initialises the biases to zero, which would hide them).</summary>
    private static MultiheadAttention Create(bool bias = true, bool batchFirst = false, float dropout = 0f)
    {
        var layer = new MultiheadAttention(Embed, Heads, dropout, bias, batchFirst, generator: new RandomGenerator(1));
        var random = new RandomGenerator(2);
        layer.LoadStateDict(layer.NamedParameters().ToDictionary(p => p.Key, p => Tensor.Uniform(random, -0.7f, 0.7f, p.Value.Shape.ToArray())));
        return layer;
    }

    private static Tensor Sequence(long seed, bool batchFirst, int steps)
        => batchFirst ? GradInputs.Uniform(seed, Batch, steps, Embed) : GradInputs.Uniform(seed, steps, Batch, Embed);

    public static TheoryData<string, bool> GradientCases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string variant in new[] { "self", "cross", "key_padding", "key_padding_lengths", "attn_bool", "attn_float3d", "causal_and_key_padding", "per_head", "no_bias" })
            {
                data.Add(variant, false);
                data.Add(variant, true);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Backward_MatchesFiniteDifferences(string variant, bool batchFirst)
    {
        MultiheadAttention layer = Create(bias: variant != "no_bias", batchFirst);
        bool self = variant is "self" or "causal_and_key_padding";
        int source = self ? Targets : Source;
        AttentionMask? keyPadding = variant switch
        {
            "key_padding" or "causal_and_key_padding" => AttentionMask.FromBoolean(Pattern(Batch * source, source), Batch, source),
            "key_padding_lengths" => AttentionMask.FromLengths([source, 2], source),
            _ => null,
        };
        AttentionMask? attn = variant switch
        {
            "attn_bool" => AttentionMask.FromBoolean(Pattern(Targets * source, source), Targets, source),
            "attn_float3d" => AttentionMask.FromAdditive(Tensor.Uniform(new RandomGenerator(3), -1, 1, Batch * Heads, Targets, source)),
            "causal_and_key_padding" => AttentionMask.Causal(Targets),
            _ => null,
        };
        bool average = variant != "per_head";
        Tensor[] inputs = self ? [Sequence(4, batchFirst, Targets)] : [Sequence(4, batchFirst, Targets), Sequence(5, batchFirst, source), Sequence(6, batchFirst, source)];
        GradientCheck.Assert(x =>
        {
            MultiheadAttentionOutput r = self
                ? layer.Forward(x[0], x[0], x[0], keyPadding, attnMask: attn, averageAttnWeights: average)
                : layer.Forward(x[0], x[1], x[2], keyPadding, attnMask: attn, averageAttnWeights: average);
            return [r.Output, r.Weights!];
        }, inputs, layer.Parameters());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Shapes_FollowTheLayoutAndTheWeightOptions(bool batchFirst)
    {
        MultiheadAttention layer = Create(batchFirst: batchFirst);
        Tensor q = Sequence(1, batchFirst, Targets), kv = Sequence(2, batchFirst, Source);
        MultiheadAttentionOutput averaged = layer.Forward(q, kv, kv);
        Assert.Equal(q.Shape.ToArray(), averaged.Output.Shape.ToArray());
        Assert.Equal(new[] { Batch, Targets, Source }, averaged.Weights!.Shape.ToArray());
        MultiheadAttentionOutput perHead = layer.Forward(q, kv, kv, averageAttnWeights: false);
        Assert.Equal(new[] { Batch, Heads, Targets, Source }, perHead.Weights!.Shape.ToArray());
        TensorAssert.Close(averaged.Weights, perHead.Weights.Mean(1), 1e-6, 1e-7);
        Assert.Null(layer.Forward(q, kv, kv, needWeights: false).Weights);
    }

    [Fact]
    public void BatchFirst_EqualsTimeFirstOnTransposedInputs()
    {
        MultiheadAttention timeFirst = Create(), batchFirst = Create(batchFirst: true);
        Tensor q = Sequence(1, false, Targets), kv = Sequence(2, false, Source);
        AttentionMask mask = AttentionMask.FromLengths([4, 2], Source);
        MultiheadAttentionOutput a = timeFirst.Forward(q, kv, kv, mask);
        MultiheadAttentionOutput b = batchFirst.Forward(q.Transpose(0, 1), kv.Transpose(0, 1), kv.Transpose(0, 1), mask);
        TensorAssert.Close(a.Output.Transpose(0, 1), b.Output, 1e-6, 1e-7);
        TensorAssert.Close(a.Weights!, b.Weights!, 1e-6, 1e-7);
    }

    [Fact]
    public void Parameters_HavePyTorchNamesShapesAndInitialisation()
    {
        var layer = new MultiheadAttention(6, 3, generator: new RandomGenerator(5));
        Assert.Equal(
            new[] { "in_proj_weight (18, 6)", "in_proj_bias (18,)", "out_proj.weight (6, 6)", "out_proj.bias (6,)" },
            layer.NamedParameters().Select(p => $"{p.Key} {ShapeText.Format(p.Value.Shape)}"));
        float xavier = MathF.Sqrt(6f / (6 + 18));
        Assert.All(layer.InProjWeight.ToArray(), w => Assert.InRange(w, -xavier, xavier));
        Assert.True(layer.InProjWeight.ToArray().Max(MathF.Abs) > 0.8f * xavier);
        Assert.All(layer.OutProj.Weight.ToArray(), w => Assert.InRange(w, -1 / MathF.Sqrt(6), 1 / MathF.Sqrt(6)));
        Assert.All(layer.InProjBias!.ToArray(), b => Assert.Equal(0f, b));
        Assert.All(layer.OutProj.BiasParameter!.ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal(new[] { "in_proj_weight", "out_proj.weight" },
            new MultiheadAttention(6, 3, bias: false).NamedParameters().Select(p => p.Key));
        Assert.Equal(2, layer.HeadDim);
    }

    [Fact]
    public void Dropout_IsSeededInTraining_AndOffInEval()
    {
        Tensor q = Sequence(1, false, Targets), kv = Sequence(2, false, Source);
        MultiheadAttentionOutput first = Create(dropout: 0.5f).Forward(q, kv, kv, averageAttnWeights: false);
        MultiheadAttentionOutput again = Create(dropout: 0.5f).Forward(q, kv, kv, averageAttnWeights: false);
        Assert.Equal(first.Output.ToArray(), again.Output.ToArray());
        Assert.Contains(0f, first.Weights!.ToArray());

        MultiheadAttention evaluated = Create(dropout: 0.5f);
        evaluated.Eval();
        MultiheadAttentionOutput plain = Create().Forward(q, kv, kv);
        MultiheadAttentionOutput off = evaluated.Forward(q, kv, kv);
        Assert.Equal(plain.Output.ToArray(), off.Output.ToArray());
        Assert.Equal(plain.Weights!.ToArray(), off.Weights!.ToArray());
    }

    [Fact]
    public void StateDict_RoundTripsThroughAnotherInstance()
    {
        MultiheadAttention source = Create();
        var copy = new MultiheadAttention(Embed, Heads, generator: new RandomGenerator(9));
        copy.LoadStateDict(source.StateDict());
        Tensor q = Sequence(1, false, Targets);
        Assert.Equal(source.Forward(q, q, q).Output.ToArray(), copy.Forward(q, q, q).Output.ToArray());
    }

    [Fact]
    public void Constructor_Validation_NamesTheArgument()
    {
        Assert.Equal("embedDim", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(0, 1)).ParamName);
        var heads = Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(6, 4));
        Assert.Equal("numHeads", heads.ParamName);
        Assert.Contains("divides embed_dim E=6", heads.Message);
        Assert.Equal("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(4, 2, dropout: 1f)).ParamName);
        Assert.Equal("kdim", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(4, 2, kdim: 3)).ParamName);
        Assert.Equal("vdim", Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(4, 2, vdim: 5)).ParamName);
        _ = new MultiheadAttention(4, 2, kdim: 4, vdim: 4);
    }

    [Fact]
    public void Forward_Validation_NamesTheArgument_AndShowsExpectedAndActual()
    {
        MultiheadAttention layer = Create(), batchFirst = Create(batchFirst: true);
        Tensor q = Tensor.Zeros(Targets, Batch, Embed), kv = Tensor.Zeros(Source, Batch, Embed);
        AssertShapeError("query", "(L, N, E=4)", () => layer.Forward(Tensor.Zeros(Targets, Embed), kv, kv));
        AssertShapeError("query", "(N, L, E=4)", () => batchFirst.Forward(Tensor.Zeros(Batch, Targets, 5), kv, kv));
        AssertShapeError("key", "(S ≥ 1, N=2, E=4)", () => layer.Forward(q, Tensor.Zeros(Source, 3, Embed), kv));
        AssertShapeError("key", "(N=3, S ≥ 1, E=4)", () => batchFirst.Forward(Tensor.Zeros(3, Targets, Embed), kv, kv));
        AssertShapeError("value", "(4, 2, 4) like key", () => layer.Forward(q, kv, Tensor.Zeros(Source + 1, Batch, Embed)));
        AssertShapeError("keyPaddingMask", "(N=2, S=4)", () => layer.Forward(q, kv, kv, AttentionMask.FromBoolean(new bool[8], Source, Batch)));
        AssertShapeError("attnMask", "(L=3, S=4) or (N·h=4, L=3, S=4)", () => layer.Forward(q, kv, kv, attnMask: AttentionMask.Causal(Targets)));
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => layer.Forward(q, kv, null!)).ParamName);
    }
}
