using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class MaskedFillTests
{
    /// <summary>y = mask ? value : x by index arithmetic, with the mask aligned at the last dimension and size-1 dimensions repeated.</summary>
    private static float[] Reference(Tensor x, bool[] mask, int[] maskShape, float value)
    {
        float[] v = x.ToArray();
        int[] shape = x.Shape.ToArray();
        var index = new int[shape.Length];
        for (int flat = 0; flat < v.Length; flat++)
        {
            int rest = flat;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            int at = 0;
            for (int d = 0; d < maskShape.Length; d++)
            {
                int i = maskShape[d] == 1 ? 0 : index[shape.Length - maskShape.Length + d];
                at = at * maskShape[d] + i;
            }
            if (mask[at])
            {
                v[flat] = value;
            }
        }
        return v;
    }

    public static TheoryData<int[], int[]> Shapes => new()
    {
        { [2, 3, 4], [2, 3, 4] },
        { [2, 3, 4], [2, 1, 4] },
        { [2, 3, 4], [3, 1] },
        { [2, 3, 4], [4] },
        { [2, 3, 4], [] },
        { [3, 5], [1, 5] },
        { [2, 2, 3, 4], [2, 1, 1, 4] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_ReplacesMaskedElements_WithTheMaskBroadcast(int[] shape, int[] maskShape)
    {
        Tensor x = Tensor.Normal(new RandomGenerator(1), 0, 1, shape);
        bool[] mask = RandomMask(2, ShapeText.ElementCount(maskShape));
        Tensor y = x.MaskedFill(mask, maskShape, -7.5f);
        Assert.Equal(shape, y.Shape.ToArray());
        Assert.Equal(Reference(x, mask, maskShape, -7.5f), y.ToArray());
    }

    [Fact]
    public void Forward_ReadsANonContiguousInputInLogicalOrder()
    {
        Tensor x = Tensor.Normal(new RandomGenerator(3), 0, 1, 4, 3).T();
        bool[] mask = [true, false, false, true];
        Tensor y = x.MaskedFill(mask, [1, 4], 0f);
        Assert.Equal(Reference(x, mask, [1, 4], 0f), y.ToArray());
    }

    [Fact]
    public void Forward_NegativeInfinityThenSoftmax_GivesExactZerosThatSumToOne()
    {
        Tensor scores = Tensor.Normal(new RandomGenerator(4), 0, 3, 2, 5);
        bool[] mask = [false, true, false, true, true, false, false, false, false, true];
        float[] w = scores.MaskedFill(mask, [2, 5], float.NegativeInfinity).Softmax(-1).ToArray();
        for (int i = 0; i < w.Length; i++)
        {
            if (mask[i])
            {
                Assert.Equal(0f, w[i]);
            }
        }
        Assert.Equal(1.0, w[..5].Sum(), 6);
        Assert.Equal(1.0, w[5..].Sum(), 6);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_MatchesFiniteDifferences(int[] shape, int[] maskShape)
    {
        bool[] mask = RandomMask(5, ShapeText.ElementCount(maskShape));
        GradientCheck.Assert(v => v[0].MaskedFill(mask, maskShape, 2.5f).Multiply(v[0]), [GradInputs.Uniform(6, shape)]);
    }

    [Fact]
    public void Backward_IsExactlyZeroAtFilledPositions_AndTheUpstreamGradientElsewhere()
    {
        Tensor x = GradInputs.Uniform(7, 2, 3);
        bool[] mask = [true, false, true];
        Tensor g = Tensor.Normal(new RandomGenerator(8), 0, 1, 2, 3);
        x.MaskedFill(mask, [3], float.NegativeInfinity).Backward(g);
        float[] expected = g.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = mask[i % 3] ? 0f : expected[i];
        }
        Assert.Equal(expected, x.Grad!.ToArray());
    }

    [Fact]
    public void WrongValueCount_NamesMask()
    {
        var error = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3).MaskedFill(new bool[5], [2, 3], 0f));
        Assert.Equal("mask", error.ParamName);
        Assert.Contains("6 values for maskShape (2, 3)", error.Message);
        Assert.Contains("(5,)", error.Message);
    }

    [Theory]
    [InlineData(new[] { 3, 2 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 1, 2, 3 })]
    public void NonBroadcastableMaskShape_NamesMaskShape(int[] maskShape)
    {
        var error = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(2, 3).MaskedFill(new bool[ShapeText.ElementCount(maskShape)], maskShape, 0f));
        Assert.Equal("maskShape", error.ParamName);
        Assert.Contains("broadcastable to input (2, 3)", error.Message);
    }

    private static bool[] RandomMask(long seed, int count)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextSingle() < 0.4f)];
    }
}
