using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

public class ScaledDotProductAttentionTests
{
    [Fact]
    public void Forward_MatchesTheDefinitionInDouble()
    {
        // N=2, T=3, S=4, d_k=5, d_v=2; sequence 1 has length 3.
        Tensor q = Tensor.Normal(new RandomGenerator(1), 0, 1, 2, 3, 5);
        Tensor k = Tensor.Normal(new RandomGenerator(2), 0, 1, 2, 4, 5);
        Tensor v = Tensor.Normal(new RandomGenerator(3), 0, 1, 2, 4, 2);
        int[] lengths = [4, 3];
        AttentionOutput result = ScaledDotProductAttention.Forward(q, k, v, lengths: lengths);

        var context = new double[2 * 3 * 2];
        var weights = new double[2 * 3 * 4];
        for (int n = 0; n < 2; n++)
        {
            for (int t = 0; t < 3; t++)
            {
                var e = new double[lengths[n]];
                for (int s = 0; s < lengths[n]; s++)
                {
                    for (int i = 0; i < 5; i++)
                    {
                        e[s] += (double)q[n, t, i] * k[n, s, i] / Math.Sqrt(5);
                    }
                }
                double max = e.Max(), sum = e.Sum(x => Math.Exp(x - max));
                for (int s = 0; s < lengths[n]; s++)
                {
                    double a = Math.Exp(e[s] - max) / sum;
                    weights[(n * 3 + t) * 4 + s] = a;
                    for (int j = 0; j < 2; j++)
                    {
                        context[(n * 3 + t) * 2 + j] += a * v[n, s, j];
                    }
                }
            }
        }
        TensorAssert.Close(weights, [2, 3, 4], result.Weights, 1e-5, 1e-6);
        TensorAssert.Close(context, [2, 3, 2], result.Context, 1e-5, 1e-6);
    }

    [Fact]
    public void HeadsDimension_EqualsAttentionPerHead()
    {
        Tensor q = Tensor.Normal(new RandomGenerator(4), 0, 1, 2, 3, 4, 5);
        Tensor k = Tensor.Normal(new RandomGenerator(5), 0, 1, 2, 3, 6, 5);
        Tensor v = Tensor.Normal(new RandomGenerator(6), 0, 1, 2, 3, 6, 2);
        AttentionOutput all = ScaledDotProductAttention.Forward(q, k, v, lengths: [6, 2]);
        Assert.Equal(new[] { 2, 3, 4, 2 }, all.Context.Shape.ToArray());
        Assert.Equal(new[] { 2, 3, 4, 6 }, all.Weights.Shape.ToArray());
        for (int head = 0; head < 3; head++)
        {
            AttentionOutput one = ScaledDotProductAttention.Forward(q.Select(1, head), k.Select(1, head), v.Select(1, head), lengths: [6, 2]);
            TensorAssert.Close(one.Context, all.Context.Select(1, head), 1e-6, 1e-7);
            TensorAssert.Close(one.Weights, all.Weights.Select(1, head), 1e-6, 1e-7);
        }
    }

    public static TheoryData<string> MaskVariants => ["none", "lengths", "causal", "key_float", "full_bool", "lengths_and_causal"];

    [Theory]
    [MemberData(nameof(MaskVariants))]
    public void Backward_MatchesFiniteDifferences(string variant)
    {
        Tensor q = GradInputs.Uniform(1, 2, 4, 3), k = GradInputs.Uniform(2, 2, 4, 3), v = GradInputs.Uniform(3, 2, 4, 2);
        (AttentionMask? mask, int[]? lengths) = Masks(variant, batch: 2, targets: 4, source: 4);
        GradientCheck.Assert(x =>
        {
            AttentionOutput r = ScaledDotProductAttention.Forward(x[0], x[1], x[2], mask, lengths);
            return [r.Context, r.Weights];
        }, [q, k, v]);
    }

    [Fact]
    public void Backward_WithHeads_MatchesFiniteDifferences()
    {
        Tensor q = GradInputs.Uniform(4, 2, 2, 3, 2), k = GradInputs.Uniform(5, 2, 2, 4, 2), v = GradInputs.Uniform(6, 2, 2, 4, 3);
        AttentionMask mask = AttentionMask.FromBoolean([false, false, true, false, false, true, false, false], 2, 1, 1, 4);
        GradientCheck.Assert(x =>
        {
            AttentionOutput r = ScaledDotProductAttention.Forward(x[0], x[1], x[2], mask, [3, 4]);
            return [r.Context, r.Weights];
        }, [q, k, v]);
    }

    [Fact]
    public void Backward_ReachesALearnedAdditiveBias()
    {
        Tensor q = GradInputs.Uniform(7, 1, 3, 2), k = GradInputs.Uniform(8, 1, 3, 2), v = GradInputs.Uniform(9, 1, 3, 2);
        Tensor bias = GradInputs.Uniform(10, 3, 3);
        GradientCheck.Assert(x =>
        {
            AttentionOutput r = ScaledDotProductAttention.Forward(x[0], x[1], x[2], AttentionMask.FromAdditive(x[3]));
            return [r.Context, r.Weights];
        }, [q, k, v, bias]);
    }

    [Fact]
    public void Dropout_IsReproducibleFromTheSeed_AndDifferentiable()
    {
        Tensor q = GradInputs.Uniform(11, 2, 3, 4), k = GradInputs.Uniform(12, 2, 5, 4), v = GradInputs.Uniform(13, 2, 5, 3);
        AttentionOutput Run(Tensor[] x) => ScaledDotProductAttention.Forward(x[0], x[1], x[2], dropout: 0.4f, generator: new RandomGenerator(99));
        AttentionOutput a = Run([q, k, v]), b = Run([q, k, v]);
        Assert.Equal(a.Context.ToArray(), b.Context.ToArray());
        float[] w = a.Weights.ToArray();
        Assert.Contains(0f, w);
        float[] plain = ScaledDotProductAttention.Forward(q, k, v).Weights.ToArray();
        for (int i = 0; i < w.Length; i++)
        {
            Assert.True(w[i] == 0f || Math.Abs(w[i] - plain[i] / 0.6f) <= 1e-6f, $"weight {i}: {w[i]} is neither 0 nor {plain[i]}/(1 − p)");
        }
        GradientCheck.Assert(x => { AttentionOutput r = Run(x); return [r.Context, r.Weights]; }, [q, k, v]);
    }

    [Fact]
    public void FullyMaskedQuery_GivesNaN_AsPyTorch()
    {
        AttentionMask mask = AttentionMask.FromBoolean([true, true, false, true], 2, 2);
        AttentionOutput r = ScaledDotProductAttention.Forward(Tensor.Ones(1, 2, 2), Tensor.Ones(1, 2, 2), Tensor.Ones(1, 2, 2), mask);
        float[] w = r.Weights.ToArray();
        Assert.True(float.IsNaN(w[0]) && float.IsNaN(w[1]));
        Assert.Equal(new[] { 1f, 0f }, w[2..]);
    }

    [Fact]
    public void Validation_NamesTheArgument_AndShowsExpectedAndActual()
    {
        Tensor q = Tensor.Zeros(2, 3, 4), k = Tensor.Zeros(2, 5, 4), v = Tensor.Zeros(2, 5, 6);
        AssertShapeError("query", "(N, T, d_k) or (N, h, T, d_k)", () => ScaledDotProductAttention.Forward(Tensor.Zeros(3, 4), k, v));
        AssertShapeError("key", "(N=2, S ≥ 1, d_k=4)", () => ScaledDotProductAttention.Forward(q, Tensor.Zeros(2, 5, 3), v));
        AssertShapeError("key", "(N=2, S ≥ 1, d_k=4)", () => ScaledDotProductAttention.Forward(q, Tensor.Zeros(3, 5, 4), v));
        AssertShapeError("key", "(N=2, h=1, S ≥ 1, d_k=4)", () => ScaledDotProductAttention.Forward(Tensor.Zeros(2, 1, 3, 4), k, v));
        AssertShapeError("value", "(N=2, S=5, d_v)", () => ScaledDotProductAttention.Forward(q, k, Tensor.Zeros(2, 4, 6)));
        AssertShapeError("mask", "broadcastable to the scores (2, 3, 5) (sizes equal or 1, aligned at the last dimension)", () => ScaledDotProductAttention.Forward(q, k, v, AttentionMask.FromBoolean(new bool[4], 4)));
        Assert.Equal("lengths", Assert.Throws<ArgumentException>(() => ScaledDotProductAttention.Forward(q, k, v, lengths: [1])).ParamName);
        Assert.Equal("lengths", Assert.Throws<ArgumentOutOfRangeException>(() => ScaledDotProductAttention.Forward(q, k, v, lengths: [1, 6])).ParamName);
        Assert.Equal("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => ScaledDotProductAttention.Forward(q, k, v, dropout: 1f)).ParamName);
        Assert.Equal("generator", Assert.Throws<ArgumentException>(() => ScaledDotProductAttention.Forward(q, k, v, dropout: 0.1f)).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentNullException>(() => ScaledDotProductAttention.Forward(null!, k, v)).ParamName);
    }

    internal static void AssertShapeError(string paramName, string expected, Action action)
    {
        var error = Assert.Throws<TensorShapeException>(action);
        Assert.Equal(paramName, error.ParamName);
        Assert.Equal(expected, error.Expected);
    }

    /// <summary>The masks of a named variant for scores (N, T, S).</summary>
    internal static (AttentionMask? Mask, int[]? Lengths) Masks(string variant, int batch, int targets, int source) => variant switch
    {
        "none" => (null, null),
        "lengths" => (null, LengthsFor(batch, source)),
        "causal" => (AttentionMask.Causal(targets), null),
        "key_float" => (AttentionMask.FromAdditive(KeyBias(batch, source)), null),
        "full_bool" => (AttentionMask.FromBoolean(Pattern(batch * targets * source, source), batch, targets, source), null),
        "lengths_and_causal" => (AttentionMask.Causal(targets), LengthsFor(batch, source)),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant"),
    };

    /// <summary>S, S − 1, S − 2, … (at least 1).</summary>
    internal static int[] LengthsFor(int batch, int source) => [.. Enumerable.Range(0, batch).Select(n => Math.Max(1, source - n))];

    /// <summary>A fixed pattern that masks about a third of the positions but never position 0 of a row of <paramref name="source"/>.</summary>
    internal static bool[] Pattern(int count, int source) => [.. Enumerable.Range(0, count).Select(i => i % source != 0 && i % 3 == 1)];

    /// <summary>An additive (N, 1, S) key bias with a −∞ at the last position of sequence 0.</summary>
    private static Tensor KeyBias(int batch, int source)
    {
        float[] values = Tensor.Uniform(new RandomGenerator(77), -1f, 1f, batch * source).ToArray();
        values[source - 1] = float.NegativeInfinity;
        return Tensor.FromArray(values, batch, 1, source);
    }
}
