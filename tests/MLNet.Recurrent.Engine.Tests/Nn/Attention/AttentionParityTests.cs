using System.Globalization;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

/// <summary>
/// Every attention layer against PyTorch 1.13 on each fixture case (committed, or <c>$MLNET_FIXTURES/attention</c>):
/// nn.MultiheadAttention itself, and Bahdanau, Luong, scaled dot-product attention and attention pooling written with
/// the same equations and parameter names in torch. Checked: output, attention weights, and the gradients of every
/// input and parameter for random upstream gradients on both outputs. Tolerance per tensor:
/// ‖ours − torch‖∞ ≤ 1e-5·‖torch‖∞ + 1e-6 (measured on seeds 1 and 2: see the test output).
/// </summary>
public class AttentionParityTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteFloor = 1e-6;

    public static IEnumerable<object[]> Cases() => AttentionFixture.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackward_MatchPyTorch(string name)
    {
        AttentionFixture f = AttentionFixture.Load(name);
        Module? module = CreateModule(f);
        module?.LoadStateDict(f.Parameters);
        Dictionary<string, Tensor> inputs = f.InputNames.ToDictionary(n => n, n =>
        {
            Tensor x = f.Tensor("input." + n).Clone();
            x.RequiresGrad = true;
            return x;
        });

        (Tensor result, Tensor? weights) = Run(f, module, inputs);

        AssertClose("output", f.Tensor("expected.output"), result);
        if (f.Has("expected.weights"))
        {
            AssertClose("weights", f.Tensor("expected.weights"), weights!);
        }
        else
        {
            Assert.Null(weights);
        }

        result.Backward(f.Tensor("grad.output"));
        weights?.Backward(f.Tensor("grad.weights"));
        foreach (var (inputName, x) in inputs)
        {
            AssertClose("grad " + inputName, f.Tensor("expected.grad." + inputName), x.Grad!);
        }
        foreach (var (parameterName, parameter) in module?.NamedParameters() ?? [])
        {
            AssertClose("grad " + parameterName, f.Tensor("expected.grad." + parameterName), parameter.Grad!);
        }
    }

    private static Module? CreateModule(AttentionFixture f) => f.Module switch
    {
        "mha" => new MultiheadAttention(f.Int("embed_dim"), f.Int("num_heads"),
            float.Parse(f.Meta("dropout"), CultureInfo.InvariantCulture), f.Flag("bias"), f.Flag("batch_first")).Train(f.Flag("training")),
        "additive" => new AdditiveAttention(f.Int("query_size"), f.Int("key_size"), f.Int("attention_size"), f.Flag("bias")),
        "luong" => new LuongAttention(f.Int("query_size"), f.Int("key_size"), f.Meta("score") == "dot" ? LuongScore.Dot : LuongScore.General),
        "pooling" => new AttentionPooling(f.Int("input_size"), f.Int("attention_size"), f.Flag("batch_first")),
        "sdpa" => null,
        _ => throw new InvalidOperationException($"{f.Name}: unknown module '{f.Module}'."),
    };

    private static (Tensor Output, Tensor? Weights) Run(AttentionFixture f, Module? module, Dictionary<string, Tensor> x)
    {
        AttentionOutput attention;
        switch (module)
        {
            case MultiheadAttention mha:
                Tensor query = x["query"];
                MultiheadAttentionOutput result = mha.Forward(query, x.GetValueOrDefault("key", query), x.GetValueOrDefault("value", query),
                    f.Mask("key_padding"), f.Flag("need_weights"), f.Mask("attn"), f.Flag("average_attn_weights"));
                return (result.Output, result.Weights);
            case AlignmentAttention alignment:
                attention = alignment.Forward(x["query"], x["keys"], x.GetValueOrDefault("values"), f.Lengths, f.Mask("mask"));
                break;
            case AttentionPooling pooling:
                attention = pooling.Forward(x["input"], f.Lengths, f.Mask("mask"));
                break;
            default:
                attention = ScaledDotProductAttention.Forward(x["query"], x["key"], x["value"], f.Mask("mask"), f.Lengths);
                break;
        }
        return (attention.Context, attention.Weights);
    }

    private void AssertClose(string what, Tensor expected, Tensor actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        float[] e = expected.ToArray(), a = actual.ToArray();
        double maxError = 0, maxMagnitude = 0;
        int worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double error = Math.Abs((double)a[i] - e[i]);
            if (error > maxError || double.IsNaN(error))
            {
                maxError = error;
                worst = i;
            }
            maxMagnitude = Math.Max(maxMagnitude, Math.Abs(e[i]));
        }
        double bound = RelativeTolerance * maxMagnitude + AbsoluteFloor;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: max |ours − torch| = {maxError:E2}, ‖torch‖∞ = {maxMagnitude:G4}, relative {maxError / Math.Max(maxMagnitude, 1e-30):E2}"));
        if (!(maxError <= bound))
        {
            Assert.Fail($"{what}: max |ours − torch| = {maxError:E3} at flat index {worst} (ours {a[worst]}, torch {e[worst]}) exceeds {bound:E3} = 1e-5·{maxMagnitude:G4} + 1e-6.");
        }
    }
}
