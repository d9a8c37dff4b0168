using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training.Losses;

public class CrossEntropyLossTests
{
    private static readonly Reduction[] Reductions = [Reduction.None, Reduction.Mean, Reduction.Sum];

    /// <summary>Every option combination: weights × ignore mode × smoothing × reduction × input form.</summary>
    public static IEnumerable<object[]> OptionCombinations()
    {
        foreach (bool weighted in new[] { false, true })
        {
            foreach (string ignore in new[] { "none", "default", "class" })
            {
                foreach (float smoothing in new[] { 0f, 0.3f })
                {
                    foreach (Reduction reduction in Reductions)
                    {
                        foreach (string form in new[] { "(N, C)", "(N, C, L)", "(C)" })
                        {
                            yield return [weighted, ignore, smoothing, reduction, form];
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(OptionCombinations))]
    public void Backward_MatchesFiniteDifferences(bool weighted, string ignore, float smoothing, Reduction reduction, string form)
    {
        var (loss, input, target, targetShape) = Setup(weighted, ignore, smoothing, reduction, form);
        GradientCheck.Assert(v => loss.Forward(v[0], target, targetShape), [input]);
    }

    [Theory]
    [MemberData(nameof(OptionCombinations))]
    public void Forward_MatchesReferenceFormula(bool weighted, string ignore, float smoothing, Reduction reduction, string form)
    {
        var (loss, input, target, targetShape) = Setup(weighted, ignore, smoothing, reduction, form);
        Tensor result = loss.Forward(input, target, targetShape);
        var (perElement, totalWeight) = Reference(loss, input, target);
        double[] expected = reduction switch
        {
            Reduction.None => perElement,
            Reduction.Sum => [perElement.Sum()],
            _ => [perElement.Sum() / totalWeight],
        };
        TensorAssert.Close(expected, reduction == Reduction.None ? targetShape : [], result, rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void KDimensionalInput_EqualsFlattenedRows()
    {
        // (N, C, L) with targets (N, L) is the same as (N·L, C) rows with targets flattened in (n, l) order.
        var loss = new CrossEntropyLoss(Tensor.FromArray([1f, 2f, 0.5f]), reduction: Reduction.None, labelSmoothing: 0.1f);
        Tensor input = Tensor.Uniform(new RandomGenerator(3), -2, 2, 2, 3, 4);
        int[] target = [0, 1, 2, 1, 2, 2, 0, 1];
        Tensor kDim = loss.Forward(input, target, 2, 4);
        Tensor rows = loss.Forward(input.Permute(0, 2, 1).Reshape(8, 3), target);
        TensorAssert.Close(rows.ToArray(), [8], kDim.Reshape(8), rtol: 1e-6, atol: 1e-7);
    }

    [Fact]
    public void UniformLogits_GiveLogOfClassCount()
    {
        Tensor result = new CrossEntropyLoss().Forward(Tensor.Zeros(3, 7), [0, 3, 6]);
        Assert.Equal(0, result.Rank);
        Assert.Equal(MathF.Log(7f), result.ToScalar(), 6);
    }

    [Fact]
    public void ExtremeLogits_StayFinite()
    {
        var loss = new CrossEntropyLoss(reduction: Reduction.None, labelSmoothing: 0.1f);
        Tensor input = Tensor.FromArray([1e4f, 0f, -1e4f, -1e4f, 0f, 1e4f], 2, 3);
        input.RequiresGrad = true;
        Tensor result = loss.Forward(input, [0, 0]);
        // ℓ = 0.9·(−log p_t) + 0.1/3·Σ_c(−log p_c): row 0: 0.9·0 + (0 + 1e4 + 2e4)/30; row 1: 0.9·2e4 + the same.
        TensorAssert.Close([1000.0, 19000.0], [2], result, rtol: 1e-6);
        result.Backward(Tensor.Ones(2));
        Assert.All(input.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mean_AllTargetsIgnored_IsNaNWithZeroGradient(bool weighted)
    {
        var loss = new CrossEntropyLoss(weighted ? Tensor.FromArray([1f, 2f, 3f]) : null, labelSmoothing: 0.2f);
        Tensor input = Tensor.Uniform(new RandomGenerator(1), -1, 1, 2, 3);
        input.RequiresGrad = true;
        Tensor result = loss.Forward(input, [-100, -100]);
        Assert.True(float.IsNaN(result.ToScalar()));
        result.Backward();
        Assert.All(input.Grad!.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(0f, new CrossEntropyLoss(reduction: Reduction.Sum).Forward(input.Detach(), [-100, -100]).ToScalar());
    }

    [Fact]
    public void Forward_TargetOutOfRange_NamesTargetPositionAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 3, 4), [0, 1, 2, 0, 1, 2, 3, 0], 2, 4));
        Assert.Equal("target", error.ParamName);
        Assert.Equal(3, error.ActualValue);
        Assert.Contains("target[1, 2]", error.Message);
        Assert.Contains("[0, 2]", error.Message);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(ignoreIndex: 5).Forward(Tensor.Zeros(2, 3), [-100, 0]));
        Assert.Contains("target[0]", negative.Message);
        Assert.Contains("ignoreIndex = 5", negative.Message);
    }

    [Fact]
    public void Forward_IgnoreIndexOutsideClasses_IsAccepted()
    {
        Tensor result = new CrossEntropyLoss(ignoreIndex: 7, reduction: Reduction.None).Forward(Tensor.Zeros(2, 3), [7, 1]);
        Assert.Equal(new[] { 0f, MathF.Log(3f) }, result.ToArray());
    }

    [Fact]
    public void Forward_WrongTargetCount_NamesTarget()
    {
        var error = Assert.Throws<TensorShapeException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 3, 4), [0, 1, 2]));
        Assert.Equal("target", error.ParamName);
        Assert.Contains("(2, 4)", error.Message);
        Assert.Contains("got (3,)", error.Message);
    }

    [Fact]
    public void Forward_WrongTargetShape_NamesTargetShape()
    {
        var error = Assert.Throws<TensorShapeException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 3, 4), new int[8], 4, 2));
        Assert.Equal("targetShape", error.ParamName);
        Assert.Contains("(2, 4)", error.Message);
        Assert.Contains("(4, 2)", error.Message);
    }

    [Fact]
    public void Forward_WeightLengthDiffersFromClassCount_NamesWeight()
    {
        var error = Assert.Throws<TensorShapeException>(() => new CrossEntropyLoss(Tensor.Ones(4)).Forward(Tensor.Zeros(2, 3), [0, 1]));
        Assert.Equal("weight", error.ParamName);
        Assert.Contains("C=3", error.Message);
        Assert.Contains("got (4,)", error.Message);
    }

    [Fact]
    public void Forward_ScalarOrClasslessInput_NamesInput()
    {
        Assert.Equal("input", Assert.Throws<TensorShapeException>(() => new CrossEntropyLoss().Forward(Tensor.Scalar(1), [0])).ParamName);
        Assert.Equal("input", Assert.Throws<TensorShapeException>(() => new CrossEntropyLoss().Forward(Tensor.Zeros(2, 0), [0, 0])).ParamName);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void Constructor_LabelSmoothingOutsideUnitInterval_Throws(float smoothing)
        => Assert.Equal("labelSmoothing", Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: smoothing)).ParamName);

    [Fact]
    public void Constructor_InvalidArguments_NameThem()
    {
        Assert.Equal("weight", Assert.Throws<TensorShapeException>(() => new CrossEntropyLoss(Tensor.Ones(2, 3))).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(reduction: (Reduction)9)).ParamName);
    }

    /// <summary>A loss with the given options and matching logits and targets; every third target is ignored when <paramref name="ignore"/> says so.</summary>
    private static (CrossEntropyLoss Loss, Tensor Input, int[] Target, int[] TargetShape) Setup(bool weighted, string ignore, float smoothing, Reduction reduction, string form)
    {
        int[] shape = form switch { "(N, C)" => [4, 5], "(N, C, L)" => [2, 4, 3], _ => [5] };
        int classes = shape.Length == 1 ? shape[0] : shape[1];
        int[] targetShape = shape.Length == 1 ? [] : [shape[0], .. shape[2..]];
        int ignoreIndex = ignore == "class" ? 2 : CrossEntropyLoss.DefaultIgnoreIndex;
        var target = new int[ShapeText.ElementCount(targetShape)];
        for (int e = 0; e < target.Length; e++)
        {
            target[e] = ignore != "none" && e % 3 == 1 ? ignoreIndex : (3 * e + 1) % classes;
        }
        Tensor? weight = weighted ? Tensor.FromArray([.. Enumerable.Range(0, classes).Select(c => 0.25f + 0.5f * c)]) : null;
        var loss = new CrossEntropyLoss(weight, ignoreIndex, reduction, smoothing);
        return (loss, GradInputs.Uniform(17, -2f, 2f, shape), target, targetShape);
    }

    /// <summary>PyTorch's definition, in double: per-element losses and the Mean's denominator Σ w_t over non-ignored targets.</summary>
    private static (double[] PerElement, double TotalWeight) Reference(CrossEntropyLoss loss, Tensor input, int[] target)
    {
        int[] shape = input.Shape.ToArray();
        int classes = shape.Length == 1 ? shape[0] : shape[1];
        int inner = shape.Length <= 2 ? 1 : ShapeText.ElementCount(shape[2..]);
        float[] x = input.ToArray();
        float[] w = loss.Weight?.ToArray() ?? [.. Enumerable.Repeat(1f, classes)];
        var perElement = new double[target.Length];
        double totalWeight = 0, eps = loss.LabelSmoothing;
        for (int e = 0; e < target.Length; e++)
        {
            if (target[e] == loss.IgnoreIndex)
            {
                continue;
            }
            int n = e / inner, j = e % inner;
            double[] logits = [.. Enumerable.Range(0, classes).Select(c => (double)x[(n * classes + c) * inner + j])];
            double max = logits.Max(), logSum = max + Math.Log(logits.Sum(v => Math.Exp(v - max)));
            double smooth = Enumerable.Range(0, classes).Sum(c => -w[c] * (logits[c] - logSum));
            perElement[e] = (1 - eps) * -w[target[e]] * (logits[target[e]] - logSum) + eps / classes * smooth;
            totalWeight += w[target[e]];
        }
        return (perElement, totalWeight);
    }
}
