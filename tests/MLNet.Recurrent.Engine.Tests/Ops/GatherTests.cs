using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

public class GatherTests
{
    private static readonly Tensor Grid = Tensor.FromArray([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f], 3, 4);

    /// <summary>torch.gather by its definition, for any rank.</summary>
    private static float[] Reference(Tensor x, int dim, int[] index, int[] indexShape)
    {
        int d = dim < 0 ? dim + x.Rank : dim;
        var result = new float[index.Length];
        var position = new int[indexShape.Length];
        for (int flat = 0; flat < index.Length; flat++)
        {
            int rest = flat;
            for (int k = indexShape.Length - 1; k >= 0; k--)
            {
                position[k] = rest % indexShape[k];
                rest /= indexShape[k];
            }
            int[] source = (int[])position.Clone();
            source[d] = index[flat];
            result[flat] = x[source];
        }
        return result;
    }

    [Fact]
    public void Gather_PicksOneElementPerIndexPosition()
    {
        // Per row n: y[n][j] = x[n][index[n][j]] (e.g. the target's log-probability).
        TensorAssert.Close(new float[] { 2, 4, 11 }, [3, 1], Grid.Gather(1, [2, 0, 3], [3, 1]));
        // dim 0: y[i][j] = x[index[i][j]][j]; the index may be smaller than the input outside dim.
        TensorAssert.Close(new float[] { 8, 1, 0, 5 }, [2, 2], Grid.Gather(0, [2, 0, 0, 1], [2, 2]));
        TensorAssert.Close(new float[] { 1, 1, 1 }, [1, 3], Grid.Gather(1, [1, 1, 1], [1, 3]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Gather_MatchesDefinitionOnRank3AndViews(int dim)
    {
        Tensor x = Tensor.Uniform(new RandomGenerator(111), -1f, 1f, 3, 4, 5);
        int[] indexShape = [2, 3, 4];
        var random = new RandomGenerator(112);
        int size = x.Size(dim);
        int[] index = [.. Enumerable.Range(0, 24).Select(_ => random.NextInt(size))];
        TensorAssert.Close(Reference(x, dim, index, indexShape), indexShape, x.Gather(dim, index, indexShape), 0, 0);
        Tensor view = x.Transpose(0, 2);   // (5, 4, 3)
        int viewSize = view.Size(dim);
        int[] viewIndex = [.. index.Select(i => i % viewSize)];
        int[] viewShape = [2, 3, 2];
        int[] small = [.. viewIndex.Take(12)];
        TensorAssert.Close(Reference(view, dim, small, viewShape), viewShape, view.Gather(dim, small, viewShape), 0, 0);
    }

    [Fact]
    public void Gather_RepeatedIndicesAccumulateGradient()
    {
        Tensor x = GradInputs.Uniform(113, 2, 3);
        x.Gather(1, [2, 2, 0, 1, 1, 1], [2, 3]).Sum().Backward();
        TensorAssert.Close(new float[] { 1, 0, 2, 0, 3, 0 }, [2, 3], x.Grad!);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Gather_BackwardMatchesFiniteDifference(int dim)
    {
        Tensor x = GradInputs.Uniform(114, 3, 4, 2);
        var random = new RandomGenerator(115);
        int size = Math.Min(x.Size(dim), x.Permute(1, 0, 2).Size(dim));
        int[] index = [.. Enumerable.Range(0, 12).Select(_ => random.NextInt(size))];
        GradientCheck.Assert(t => t[0].Gather(dim, index, [3, 2, 2]), [x]);
        GradientCheck.Assert(t => t[0].Permute(1, 0, 2).Gather(dim, index, [3, 2, 2]), [x]);
    }

    [Fact]
    public void BadIndex_ThrowsNamingArgumentWithExpectedAndActual()
    {
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Gather(1, [0, 4, 1], [3, 1]));
        Assert.Equal("index", range.ParamName);
        Assert.Contains("[0, 3]", range.Message);
        Assert.Contains("index[1]", range.Message);
        Assert.Contains("got 4", range.Message);
        var count = Assert.Throws<TensorShapeException>(() => Grid.Gather(1, [0, 1], [3, 1]));
        Assert.Equal("index", count.ParamName);
        Assert.Contains("(3,) to match indexShape (3, 1), got (2,)", count.Message);
        var rank = Assert.Throws<TensorShapeException>(() => Grid.Gather(1, [0, 1, 2], [3]));
        Assert.Equal("indexShape", rank.ParamName);
        Assert.Contains("rank 2", rank.Message);
        Assert.Contains("got (3,)", rank.Message);
        var tooBig = Assert.Throws<TensorShapeException>(() => Grid.Gather(1, [0, 0, 0, 0], [4, 1]));
        Assert.Contains("at most (3, 4) outside dimension 1", tooBig.Message);
        Assert.Contains("got (4, 1)", tooBig.Message);
    }
}
