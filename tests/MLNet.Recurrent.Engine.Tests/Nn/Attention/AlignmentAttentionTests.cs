using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using static MLNet.Recurrent.Engine.Tests.Nn.Attention.ScaledDotProductAttentionTests;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

/// <summary>Bahdanau (additive) and Luong (dot, general) attention: gradients for every query form and mask variant, names, validation.</summary>
public class AlignmentAttentionTests
{
    private const int Batch = 2, Targets = 3, Source = 4, QuerySize = 3, KeySize = 5;

    /// <summary>The layers under test; Dot needs H_k = H_q.</summary>
    internal static AlignmentAttention Create(string kind) => kind switch
    {
        "additive" => new AdditiveAttention(QuerySize, KeySize, attentionSize: 4, generator: new RandomGenerator(1)),
        "additive_nobias" => new AdditiveAttention(QuerySize, KeySize, attentionSize: 2, bias: false, generator: new RandomGenerator(2)),
        "luong_general" => new LuongAttention(QuerySize, KeySize, LuongScore.General, new RandomGenerator(3)),
        "luong_dot" => new LuongAttention(KeySize, KeySize, LuongScore.Dot),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown layer"),
    };

    public static TheoryData<string, bool, string> GradientCases
    {
        get
        {
            var data = new TheoryData<string, bool, string>();
            foreach (string kind in new[] { "additive", "additive_nobias", "luong_general", "luong_dot" })
            {
                foreach (string variant in new[] { "none", "lengths", "key_bool", "key_float", "lengths_and_key_bool", "per_query", "values" })
                {
                    foreach (bool single in new[] { true, false })
                    {
                        if (!(single && variant == "per_query"))
                        {
                            data.Add(kind, single, variant);
                        }
                    }
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Backward_MatchesFiniteDifferences(string kind, bool singleQuery, string variant)
    {
        AlignmentAttention layer = Create(kind);
        Tensor query = singleQuery ? GradInputs.Uniform(10, Batch, layer.QuerySize) : GradInputs.Uniform(10, Batch, Targets, layer.QuerySize);
        Tensor keys = GradInputs.Uniform(11, Batch, Source, KeySize);
        Tensor values = GradInputs.Uniform(12, Batch, Source, 2);
        int[]? lengths = variant.Contains("lengths") ? LengthsFor(Batch, Source) : null;
        AttentionMask? mask = variant switch
        {
            "key_bool" or "lengths_and_key_bool" => AttentionMask.FromBoolean(Pattern(Batch * Source, Source), Batch, Source),
            "key_float" => AttentionMask.FromAdditive(Tensor.Uniform(new RandomGenerator(13), -1, 1, Batch, Source)),
            "per_query" => AttentionMask.FromBoolean(Pattern(Batch * Targets * Source, Source), Batch, Targets, Source),
            _ => null,
        };
        bool separateValues = variant == "values";
        GradientCheck.Assert(x =>
        {
            AttentionOutput r = layer.Forward(x[0], x[1], separateValues ? x[2] : null, lengths, mask);
            return [r.Context, r.Weights];
        }, separateValues ? [query, keys, values] : [query, keys], layer.Parameters());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_Shapes_FollowTheQuery(bool singleQuery)
    {
        AlignmentAttention layer = Create("additive");
        Tensor query = singleQuery ? Tensor.Zeros(Batch, QuerySize) : Tensor.Zeros(Batch, Targets, QuerySize);
        AttentionOutput r = layer.Forward(query, Tensor.Zeros(Batch, Source, KeySize), Tensor.Zeros(Batch, Source, 7));
        Assert.Equal(singleQuery ? new[] { Batch, 7 } : new[] { Batch, Targets, 7 }, r.Context.Shape.ToArray());
        Assert.Equal(singleQuery ? new[] { Batch, Source } : new[] { Batch, Targets, Source }, r.Weights.Shape.ToArray());
    }

    [Fact]
    public void SingleQuery_EqualsTheFirstRowOfAMultiQueryCall()
    {
        AlignmentAttention layer = Create("luong_general");
        Tensor queries = Tensor.Normal(new RandomGenerator(5), 0, 1, Batch, Targets, QuerySize);
        Tensor keys = Tensor.Normal(new RandomGenerator(6), 0, 1, Batch, Source, KeySize);
        AttentionOutput all = layer.Forward(queries, keys, lengths: [4, 2]);
        AttentionOutput first = layer.Forward(queries.Select(1, 0), keys, lengths: [4, 2]);
        TensorAssert.Close(all.Context.Select(1, 0), first.Context, 1e-6, 1e-7);
        TensorAssert.Close(all.Weights.Select(1, 0), first.Weights, 1e-6, 1e-7);
    }

    [Fact]
    public void Additive_HasPyTorchStyleParameterNamesAndShapes()
    {
        var layer = new AdditiveAttention(3, 5, attentionSize: 4);
        Assert.Equal(
            new[] { "query_proj.weight (4, 3)", "query_proj.bias (4,)", "key_proj.weight (4, 5)", "v.weight (1, 4)" },
            layer.NamedParameters().Select(p => $"{p.Key} {ShapeText.Format(p.Value.Shape)}"));
        Assert.Equal(new[] { "query_proj.weight", "key_proj.weight", "v.weight" },
            new AdditiveAttention(3, 5, bias: false).NamedParameters().Select(p => p.Key));
        Assert.Equal(3, new AdditiveAttention(3, 5).AttentionSize);
    }

    [Fact]
    public void Additive_ComputesVTanhOfTheProjectedSum()
    {
        var layer = new AdditiveAttention(1, 1, attentionSize: 1);
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["query_proj.weight"] = Tensor.FromArray([2f], 1, 1),
            ["query_proj.bias"] = Tensor.FromArray([0.5f], 1),
            ["key_proj.weight"] = Tensor.FromArray([-1f], 1, 1),
            ["v.weight"] = Tensor.FromArray([3f], 1, 1),
        });
        AttentionOutput r = layer.Forward(Tensor.FromArray([1f], 1, 1), Tensor.FromArray([0f, 2f], 1, 2, 1));
        double e0 = 3 * Math.Tanh(2 + 0.5), e1 = 3 * Math.Tanh(2 + 0.5 - 2);
        double a0 = 1 / (1 + Math.Exp(e1 - e0));
        TensorAssert.Close([a0, 1 - a0], [1, 2], r.Weights, 1e-6, 1e-7);
        TensorAssert.Close([2 * (1 - a0)], [1, 1], r.Context, 1e-6, 1e-7);
    }

    [Fact]
    public void Luong_General_HasWeight_Dot_HasNoParameters()
    {
        var general = new LuongAttention(3, 5);
        Assert.Equal(LuongScore.General, general.Score);
        Assert.Equal("weight (3, 5)", general.NamedParameters().Select(p => $"{p.Key} {ShapeText.Format(p.Value.Shape)}").Single());
        Assert.All(general.Weight!.ToArray(), w => Assert.InRange(w, -1 / MathF.Sqrt(5), 1 / MathF.Sqrt(5)));
        var dot = new LuongAttention(4, 4, LuongScore.Dot);
        Assert.Empty(dot.NamedParameters());
        Assert.Null(dot.Weight);
    }

    [Fact]
    public void Luong_Dot_IsTheUnscaledDotProduct()
    {
        Tensor q = Tensor.Normal(new RandomGenerator(7), 0, 1, 2, 3, 4);
        Tensor k = Tensor.Normal(new RandomGenerator(8), 0, 1, 2, 5, 4);
        AttentionOutput luong = new LuongAttention(4, 4, LuongScore.Dot).Forward(q, k, lengths: [5, 3]);
        // softmax(q kᵀ) = softmax((2q)·kᵀ/√4): scaled dot-product attention with the query doubled.
        AttentionOutput scaled = ScaledDotProductAttention.Forward(q.Multiply(2f), k, k, lengths: [5, 3]);
        TensorAssert.Close(scaled.Weights, luong.Weights, 1e-5, 1e-7);
        TensorAssert.Close(scaled.Context, luong.Context, 1e-5, 1e-6);
    }

    [Fact]
    public void Luong_Dot_WithDifferentSizes_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new LuongAttention(3, 4, LuongScore.Dot));
        Assert.Equal("keySize", error.ParamName);
        Assert.Contains("H_q=3", error.Message);
    }

    [Fact]
    public void Constructors_RejectNonPositiveSizes()
    {
        Assert.Equal("querySize", Assert.Throws<ArgumentOutOfRangeException>(() => new AdditiveAttention(0, 2)).ParamName);
        Assert.Equal("keySize", Assert.Throws<ArgumentOutOfRangeException>(() => new LuongAttention(2, 0)).ParamName);
        Assert.Equal("attentionSize", Assert.Throws<ArgumentOutOfRangeException>(() => new AdditiveAttention(2, 2, 0)).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentOutOfRangeException>(() => new LuongAttention(2, 2, (LuongScore)7)).ParamName);
    }

    [Theory]
    [InlineData("additive")]
    [InlineData("luong_general")]
    public void Forward_Validation_NamesTheArgument(string kind)
    {
        AlignmentAttention layer = Create(kind);
        Tensor query = Tensor.Zeros(Batch, Targets, QuerySize), keys = Tensor.Zeros(Batch, Source, KeySize);
        AssertShapeError("query", "(N, H_q=3) or (N, T, H_q=3)", () => layer.Forward(Tensor.Zeros(Batch, 4), keys));
        AssertShapeError("query", "(N, H_q=3) or (N, T, H_q=3)", () => layer.Forward(Tensor.Zeros(1, Batch, Targets, QuerySize), keys));
        AssertShapeError("keys", "(N=2, S ≥ 1, H_k=5)", () => layer.Forward(query, Tensor.Zeros(Batch, Source, 4)));
        AssertShapeError("keys", "(N=2, S ≥ 1, H_k=5)", () => layer.Forward(query, Tensor.Zeros(3, Source, KeySize)));
        AssertShapeError("keys", "(N=2, S ≥ 1, H_k=5)", () => layer.Forward(query, Tensor.Zeros(Batch, 0, KeySize)));
        AssertShapeError("values", "(N=2, S=4, H_v)", () => layer.Forward(query, keys, Tensor.Zeros(Batch, 3, 2)));
        AssertShapeError("mask", "(N=2, S=4) or (N=2, T=3, S=4)", () => layer.Forward(query, keys, mask: AttentionMask.FromBoolean(new bool[4], 4)));
        AssertShapeError("mask", "(N=2, S=4)", () => layer.Forward(query.Select(1, 0), keys, mask: AttentionMask.FromBoolean(new bool[24], 2, 3, 4)));
        Assert.Equal("lengths", Assert.Throws<ArgumentException>(() => layer.Forward(query, keys, lengths: [1, 2, 3])).ParamName);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(query, keys, lengths: [0, 2]));
        Assert.Equal("lengths", range.ParamName);
        Assert.Contains("lengths[0] in [1, S=4]", range.Message);
        Assert.Equal("keys", Assert.Throws<ArgumentNullException>(() => layer.Forward(query, null!)).ParamName);
    }
}
