using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training.Losses;

/// <summary>MseLoss, L1Loss and HuberLoss: values, gradients (input and target), reductions and validation.</summary>
public class RegressionLossTests
{
    private static readonly Reduction[] Reductions = [Reduction.None, Reduction.Mean, Reduction.Sum];

    /// <summary>loss name × reduction; Huber with δ ∈ {0.5, 1, 2}.</summary>
    public static IEnumerable<object[]> Losses()
    {
        foreach (Reduction reduction in Reductions)
        {
            yield return ["mse", 0f, reduction];
            yield return ["l1", 0f, reduction];
            foreach (float delta in new[] { 0.5f, 1f, 2f })
            {
                yield return ["huber", delta, reduction];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Backward_MatchesFiniteDifferences_ForInputAndTarget(string name, float delta, Reduction reduction)
    {
        var (input, target) = Operands(delta);
        GradientCheck.Assert(v => Forward(name, delta, reduction, v[0], v[1]), [input, target]);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Forward_MatchesDefinition(string name, float delta, Reduction reduction)
    {
        var (input, target) = Operands(delta);
        float[] x = input.ToArray(), y = target.ToArray();
        double[] perElement = [.. x.Zip(y, (a, b) =>
        {
            double d = (double)a - b, z = Math.Abs(d);
            return name switch { "mse" => d * d, "l1" => z, _ => z < delta ? 0.5 * d * d : delta * (z - 0.5 * delta) };
        })];
        double[] expected = reduction switch
        {
            Reduction.None => perElement,
            Reduction.Sum => [perElement.Sum()],
            _ => [perElement.Average()],
        };
        TensorAssert.Close(expected, reduction == Reduction.None ? [2, 3, 4] : [], Forward(name, delta, reduction, input, target), rtol: 1e-6, atol: 1e-6);
    }

    [Fact]
    public void L1AndHuber_GradientAtTiesAndThreshold_FollowPyTorch()
    {
        // sign(0) = 0 for L1; Huber's derivative is d inside [−δ, δ] and ±δ outside (continuous at the threshold).
        Tensor input = Tensor.FromArray([1f, 2f, -3f, 0.5f]);
        input.RequiresGrad = true;
        Tensor target = Tensor.FromArray([1f, 1f, -1f, 0f]);
        new L1Loss(Reduction.Sum).Forward(input, target).Backward();
        Assert.Equal(new[] { 0f, 1f, -1f, 1f }, input.Grad!.ToArray());
        input.ZeroGrad();
        new HuberLoss(Reduction.Sum, delta: 1f).Forward(input, target).Backward();
        Assert.Equal(new[] { 0f, 1f, -1f, 0.5f }, input.Grad!.ToArray());
    }

    [Fact]
    public void Mse_SimpleValues()
    {
        Tensor result = new MseLoss().Forward(Tensor.FromArray([1f, 2f]), Tensor.Zeros(2));
        Assert.Equal(0, result.Rank);
        Assert.Equal(2.5f, result.ToScalar());
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("l1")]
    [InlineData("huber")]
    public void Forward_TargetShapeDiffers_NamesTargetWithBothShapes(string name)
    {
        var error = Assert.Throws<TensorShapeException>(() => Forward(name, 1f, Reduction.Mean, Tensor.Zeros(2, 3), Tensor.Zeros(6)));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("expected shape (2, 3)", error.Message);
        Assert.Contains("got (6,)", error.Message);
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("l1")]
    [InlineData("huber")]
    public void Mean_OfEmptyInput_IsNaN_AndSumIsZero(string name)
    {
        Assert.True(float.IsNaN(Forward(name, 1f, Reduction.Mean, Tensor.Zeros(0), Tensor.Zeros(0)).ToScalar()));
        Assert.Equal(0f, Forward(name, 1f, Reduction.Sum, Tensor.Zeros(0, 2), Tensor.Zeros(0, 2)).ToScalar());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Huber_NonPositiveOrNonFiniteDelta_Throws(float delta)
        => Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta: delta)).ParamName);

    [Fact]
    public void UndefinedReduction_Throws()
    {
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new MseLoss((Reduction)3)).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new L1Loss((Reduction)(-1))).ParamName);
    }

    [Fact]
    public void NullOperands_AreNamed()
    {
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => new MseLoss().Forward(null!, Tensor.Zeros(1))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => new MseLoss().Forward(Tensor.Zeros(1), null!)).ParamName);
    }

    private static Tensor Forward(string name, float delta, Reduction reduction, Tensor input, Tensor target) => name switch
    {
        "mse" => new MseLoss(reduction).Forward(input, target),
        "l1" => new L1Loss(reduction).Forward(input, target),
        _ => new HuberLoss(reduction, delta).Forward(input, target),
    };

    /// <summary>
    /// (2, 3, 4) operands whose differences stay 0.1 away from the kinks (0 for L1, ±δ for Huber), farther than the
    /// finite-difference step, and cover both of Huber's regions.
    /// </summary>
    private static (Tensor Input, Tensor Target) Operands(float delta)
    {
        Tensor target = GradInputs.Uniform(8, 2, 3, 4);
        float[] d = GradInputs.AwayFromZero(9, 0.1f, 2, 3, 4).ToArray();
        float scale = delta > 0 ? 2.5f * delta : 1f;
        float[] x = target.ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            float diff = d[i] * scale;
            if (delta > 0 && MathF.Abs(MathF.Abs(diff) - delta) < 0.1f)
            {
                diff += MathF.CopySign(0.2f, diff);
            }
            x[i] += diff;
        }
        Tensor input = Tensor.FromArray(x, 2, 3, 4);
        input.RequiresGrad = true;
        return (input, target);
    }
}
