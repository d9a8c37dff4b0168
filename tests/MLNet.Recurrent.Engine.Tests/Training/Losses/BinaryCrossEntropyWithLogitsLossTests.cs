using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training.Losses;

public class BinaryCrossEntropyWithLogitsLossTests
{
    /// <summary>weight ∈ {none, full shape, broadcast rows} × pos_weight ∈ {none, (C)} × reduction.</summary>
    public static IEnumerable<object[]> OptionCombinations()
    {
        foreach (string weight in new[] { "none", "full", "row" })
        {
            foreach (bool posWeight in new[] { false, true })
            {
                foreach (Reduction reduction in new[] { Reduction.None, Reduction.Mean, Reduction.Sum })
                {
                    yield return [weight, posWeight, reduction];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(OptionCombinations))]
    public void Backward_MatchesFiniteDifferences_ForInputAndTarget(string weight, bool posWeight, Reduction reduction)
    {
        var loss = Create(weight, posWeight, reduction);
        Tensor input = GradInputs.Uniform(4, -3f, 3f, 3, 2, 4);
        Tensor target = GradInputs.Uniform(5, 0f, 1f, 3, 2, 4);
        GradientCheck.Assert(v => loss.Forward(v[0], v[1]), [input, target]);
    }

    [Theory]
    [MemberData(nameof(OptionCombinations))]
    public void Forward_MatchesSigmoidDefinition(string weight, bool posWeight, Reduction reduction)
    {
        var loss = Create(weight, posWeight, reduction);
        Tensor input = Tensor.Uniform(new RandomGenerator(4), -3f, 3f, 3, 2, 4);
        Tensor target = Tensor.Uniform(new RandomGenerator(5), 0f, 1f, 3, 2, 4);
        float[] x = input.ToArray(), y = target.ToArray();
        float[] w = loss.Weight?.BroadcastTo(3, 2, 4).ToArray() ?? [.. Enumerable.Repeat(1f, x.Length)];
        float[] p = loss.PosWeight?.BroadcastTo(3, 2, 4).ToArray() ?? [.. Enumerable.Repeat(1f, x.Length)];
        double[] perElement = [.. Enumerable.Range(0, x.Length).Select(i =>
        {
            double s = 1 / (1 + Math.Exp(-(double)x[i]));
            return -w[i] * (p[i] * y[i] * Math.Log(s) + (1 - y[i]) * Math.Log(1 - s));
        })];
        double[] expected = reduction switch
        {
            Reduction.None => perElement,
            Reduction.Sum => [perElement.Sum()],
            _ => [perElement.Average()],
        };
        TensorAssert.Close(expected, reduction == Reduction.None ? [3, 2, 4] : [], loss.Forward(input, target), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void LargeLogits_StayFiniteAndExact()
    {
        var loss = new BinaryCrossEntropyWithLogitsLoss(reduction: Reduction.None, posWeight: Tensor.FromArray([2f]));
        Tensor input = Tensor.FromArray([100f, -100f, 100f, -100f], 4, 1);
        input.RequiresGrad = true;
        Tensor result = loss.Forward(input, Tensor.FromArray([1f, 0f, 0f, 1f], 4, 1));
        // ℓ = (1 − y)x + (1 + (p − 1)y)·softplus(−x): right answers cost e^−100 ≈ 0, wrong ones 100 (·p for positives).
        TensorAssert.Close([0.0, 0.0, 100.0, 200.0], [4, 1], result, rtol: 1e-6, atol: 1e-30);
        result.Backward(Tensor.Ones(4, 1));
        TensorAssert.Close([0.0, 0.0, 1.0, -2.0], [4, 1], input.Grad!, rtol: 1e-6, atol: 1e-30);
    }

    [Fact]
    public void Forward_TargetShapeDiffers_NamesTarget()
    {
        var error = Assert.Throws<TensorShapeException>(() => new BinaryCrossEntropyWithLogitsLoss().Forward(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(3, 2)", error.Message);
    }

    [Fact]
    public void Forward_WeightsThatDoNotBroadcast_NameThem()
    {
        Tensor input = Tensor.Zeros(2, 3), target = Tensor.Zeros(2, 3);
        var weight = Assert.Throws<TensorShapeException>(() => new BinaryCrossEntropyWithLogitsLoss(Tensor.Ones(2)).Forward(input, target));
        Assert.Equal("weight", weight.ParamName);
        var posWeight = Assert.Throws<TensorShapeException>(() => new BinaryCrossEntropyWithLogitsLoss(posWeight: Tensor.Ones(4)).Forward(input, target));
        Assert.Equal("posWeight", posWeight.ParamName);
        Assert.Contains("(2, 3)", posWeight.Message);
        var expanding = Assert.Throws<TensorShapeException>(() => new BinaryCrossEntropyWithLogitsLoss(Tensor.Ones(5, 2, 3)).Forward(input, target));
        Assert.Equal("weight", expanding.ParamName);
    }

    [Fact]
    public void Mean_OfEmptyInput_IsNaN()
        => Assert.True(float.IsNaN(new BinaryCrossEntropyWithLogitsLoss().Forward(Tensor.Zeros(0, 3), Tensor.Zeros(0, 3)).ToScalar()));

    private static BinaryCrossEntropyWithLogitsLoss Create(string weight, bool posWeight, Reduction reduction)
    {
        Tensor? w = weight switch
        {
            "full" => Tensor.Uniform(new RandomGenerator(1), 0.25f, 1.5f, 3, 2, 4),
            "row" => Tensor.FromArray([0.5f, 1f, 2f], 3, 1, 1),
            _ => null,
        };
        Tensor? p = posWeight ? Tensor.FromArray([0.5f, 1f, 2f, 3f]) : null;
        return new BinaryCrossEntropyWithLogitsLoss(w, reduction, p);
    }
}
