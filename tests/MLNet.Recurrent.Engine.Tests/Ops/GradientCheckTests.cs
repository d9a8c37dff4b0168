using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

/// <summary>The checker itself: it must pass correct gradients and catch wrong ones, even slightly wrong ones.</summary>
public class GradientCheckTests
{
    /// <summary>y = x² + c·x³ with a backward of factor·(2x) + cubicInBackward·3x²: correct only for factor 1 and cubicInBackward = c.</summary>
    private static Tensor CustomOp(Tensor x, float factor, float cubic, float cubicInBackward)
    {
        float[] v = x.ToArray();
        Tensor y = Tensor.FromArray([.. v.Select(a => a * a + cubic * a * a * a)], x.Shape.ToArray());
        if (GradMode.IsEnabled && x.RequiresGrad)
        {
            y.SetGradFn(new CustomBackward(x, factor, cubicInBackward), 0);
        }
        return y;
    }

    private sealed class CustomBackward(Tensor input, float factor, float cubic) : Node(input)
    {
        public override string Name => "CustomBackward";

        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            float[] x = Inputs[0].ToArray();
            float[] g = outputGradients[0]!.ToArray();
            float[] gx = [.. x.Select((a, i) => g[i] * (factor * 2 * a + cubic * 3 * a * a))];
            return [Tensor.FromArray(gx, Inputs[0].Shape.ToArray())];
        }
    }

    /// <summary>Adds a (N,) bias to (M, N) but "forgets" to sum the gradient over M: the bias gradient has the wrong shape.</summary>
    private sealed class UnreducedBiasBackward(Tensor input, Tensor bias) : Node(input, bias)
    {
        public override string Name => "UnreducedBiasBackward";

        public override Tensor?[] Backward(Tensor?[] outputGradients) => [outputGradients[0], outputGradients[0]];
    }

    [Fact]
    public void CorrectCustomOp_Passes()
    {
        GradientCheckResult result = GradientCheck.Assert(t => CustomOp(t[0], 1f, 0.5f, 0.5f), [GradInputs.Uniform(141, 3, 4)]);
        Assert.Equal(12, result.ElementsChecked);
        Assert.True(result.MaxToleranceRatio < 0.2, $"the check came within {result.MaxToleranceRatio:P0} of its tolerance");
    }

    [Theory]
    [InlineData(1.5f, 0.5f)]    // grossly wrong
    [InlineData(1.02f, 0.5f)]   // 2 % too large
    [InlineData(1f, 0f)]        // drops the c·3x² term (|x| ≤ 1, so at most 1.5 per element, often far less)
    [InlineData(-1f, 0.5f)]     // wrong sign
    public void BrokenCustomOp_IsCaught(float factor, float cubicInBackward)
    {
        var error = Assert.Throws<GradientCheckException>(
            () => GradientCheck.Assert(t => CustomOp(t[0], factor, 0.5f, cubicInBackward), [GradInputs.Uniform(142, 0.5f, 2f, 3, 4)]));
        Assert.Contains("analytic", error.Message);
        Assert.Contains("numeric", error.Message);
        Assert.Contains("input 0 (3, 4) element [", error.Message);
    }

    [Fact]
    public void WrongGradientShape_IsRejectedByTheBackwardEngine()
    {
        Func<Tensor[], Tensor> f = t =>
        {
            Tensor y;
            using (GradMode.NoGrad())
            {
                y = (t[0] + t[1]).Detach();
            }
            y.SetGradFn(new UnreducedBiasBackward(t[0], t[1]), 0);
            return y;
        };
        var error = Assert.Throws<InvalidOperationException>(() => GradientCheck.Assert(f, [GradInputs.Uniform(143, 2, 3), GradInputs.Uniform(144, 3)]));
        Assert.Contains("the gradient of input 1 has shape (2, 3), expected the input's shape (3,)", error.Message);
    }

    [Fact]
    public void MultipleOutputs_EachGetItsOwnUpstreamGradient()
    {
        Tensor x = GradInputs.Uniform(145, 2, 3);
        Tensor w = GradInputs.Uniform(146, 3, 4);
        GradientCheck.Assert(t => [t[0].Tanh(), t[0].MatMul(t[1]), t[1].Sum(0)], [x, w]);
        // A broken op in one output only is still caught.
        Assert.Throws<GradientCheckException>(
            () => GradientCheck.Assert(t => [t[0].Tanh(), CustomOp(t[0], 1.1f, 0f, 0f)], [GradInputs.Uniform(147, 0.5f, 1f, 4)]));
    }

    [Fact]
    public void ConstantsAreNotChecked_AndCallerTensorsAreUntouched()
    {
        Tensor x = GradInputs.Uniform(148, 2, 3);
        Tensor constant = Tensor.Uniform(new RandomGenerator(149), -1f, 1f, 2, 3);
        float[] before = x.ToArray();
        GradientCheckResult result = GradientCheck.Assert(t => t[0] * t[1], [x, constant]);
        Assert.Equal(6, result.ElementsChecked);
        Assert.Equal(before, x.ToArray());
        Assert.Null(x.Grad);
        Assert.Throws<ArgumentException>(() => GradientCheck.Assert(t => t[0].Exp(), [constant]));
    }

    [Fact]
    public void MaxElementsPerInput_SamplesASeededSubset()
    {
        var options = GradientCheckOptions.Default with { MaxElementsPerInput = 5 };
        GradientCheckResult result = GradientCheck.Assert(t => t[0].Softmax(-1), [GradInputs.Uniform(150, 4, 6)], options);
        Assert.Equal(5, result.ElementsChecked);
    }
}
