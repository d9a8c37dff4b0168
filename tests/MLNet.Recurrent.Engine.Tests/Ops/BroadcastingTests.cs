using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class BroadcastingTests
{
    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 2, 1, 4 }, new[] { 3, 1 }, new[] { 2, 3, 4 })]
    [InlineData(new int[0], new[] { 5 }, new[] { 5 })]
    [InlineData(new[] { 1 }, new[] { 0 }, new[] { 0 })]
    [InlineData(new[] { 4, 1 }, new[] { 1, 1, 7 }, new[] { 1, 4, 7 })]
    public void BroadcastShape_AlignsAtTheLastDimension(int[] a, int[] b, int[] expected)
    {
        Assert.Equal(expected, Broadcasting.BroadcastShape(a, b, "other"));
        Assert.Equal(expected, Broadcasting.BroadcastShape(b, a, "other"));
    }

    [Fact]
    public void BroadcastShape_Incompatible_ThrowsNamingTheArgument()
    {
        var error = Assert.Throws<TensorShapeException>(() => Broadcasting.BroadcastShape([2, 3], [2], "bias"));
        Assert.Equal("bias", error.ParamName);
        Assert.Equal("bias: expected shape broadcastable with (2, 3), got (2,).", error.Message.Split(" (Parameter")[0]);
    }

    /// <summary>A random operand of a random broadcast-compatible shape, sometimes presented as a transposed or sliced view.</summary>
    private static Tensor RandomOperand(RandomGenerator random, int[] full)
    {
        int rank = random.NextInt(full.Length + 1);
        int[] shape = [.. full[(full.Length - rank)..].Select(s => random.NextInt(3) == 0 ? 1 : s)];
        Tensor t = Tensor.Uniform(random, 0.5f, 2f, shape);
        if (rank >= 2 && random.NextInt(2) == 0)
        {
            // Same logical values laid out transposed: build the transpose, make it contiguous, view it back.
            t = t.Transpose(0, rank - 1).Contiguous().Transpose(0, rank - 1);
        }
        else if (rank >= 1 && random.NextInt(3) == 0)
        {
            int[] wider = (int[])shape.Clone();
            wider[rank - 1] += 2;
            t = Tensor.Uniform(random, 0.5f, 2f, wider).Narrow(rank - 1, 1, shape[rank - 1]);
        }
        return t;
    }

    [Fact]
    public void Apply_RandomShapesAndLayouts_MatchesNaiveLoopForEveryOperation()
    {
        var random = new RandomGenerator(161);
        BinaryOp[] ops = [BinaryOp.Add, BinaryOp.Subtract, BinaryOp.Multiply, BinaryOp.Divide];
        for (int trial = 0; trial < 300; trial++)
        {
            int[] full = [.. Enumerable.Range(0, random.NextInt(5)).Select(_ => 1 + random.NextInt(4))];
            Tensor a = RandomOperand(random, full);
            Tensor b = RandomOperand(random, full);
            BinaryOp op = ops[trial % ops.Length];
            int[] shape = Broadcasting.BroadcastShape(a.Shape, b.Shape, "other");
            Tensor result = Broadcasting.Apply(op, a, b, "other");
            Assert.True(result.IsContiguous);
            Assert.Equal(shape, result.Shape.ToArray());
            float[] actual = result.ToArray();
            var index = new int[shape.Length];
            for (int flat = 0; flat < actual.Length; flat++)
            {
                int rest = flat;
                for (int d = shape.Length - 1; d >= 0; d--)
                {
                    index[d] = rest % shape[d];
                    rest /= shape[d];
                }
                float x = Read(a, index), y = Read(b, index);
                float expected = op switch
                {
                    BinaryOp.Add => x + y,
                    BinaryOp.Subtract => x - y,
                    BinaryOp.Multiply => x * y,
                    _ => x / y,
                };
                Assert.Equal(expected, actual[flat]);
            }
        }
    }

    private static float Read(Tensor t, int[] index)
    {
        int lead = index.Length - t.Rank;
        return t[[.. Enumerable.Range(0, t.Rank).Select(d => t.Shape[d] == 1 ? 0 : index[lead + d])]];
    }

    [Fact]
    public void SumToShape_SumsLeadingAndSizeOneDimensions()
    {
        Tensor g = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f], 2, 2, 3);
        Assert.Same(g, Broadcasting.SumToShape(g, [2, 2, 3]));
        TensorAssert.Close(new float[] { 22, 26, 30 }, [3], Broadcasting.SumToShape(g, [3]));
        TensorAssert.Close(new float[] { 6, 15, 24, 33 }, [2, 2, 1], Broadcasting.SumToShape(g, [2, 2, 1]));
        TensorAssert.Close(new float[] { 22, 26, 30 }, [1, 3], Broadcasting.SumToShape(g, [1, 3]));
        TensorAssert.Close(new float[] { 8, 10, 12, 14, 16, 18 }, [2, 3], Broadcasting.SumToShape(g, [2, 3]));
        TensorAssert.Close(new float[] { 78 }, [], Broadcasting.SumToShape(g, []));
    }
}
