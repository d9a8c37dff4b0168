using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Tensors;

public class TensorBasicsTests
{
    [Fact]
    public void FromArray_KeepsRowMajorOrder()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(new[] { 2, 3 }, t.Shape.ToArray());
        Assert.Equal(new[] { 3, 1 }, t.Strides.ToArray());
        Assert.Equal(6f, t[1, 2]);
    }

    [Fact]
    public void Transpose_IsAViewAndContiguousCopiesInRowMajor()
    {
        var t = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var tt = t.T();
        Assert.False(tt.IsContiguous);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, tt.Contiguous().ToArray());
    }

    [Fact]
    public void Reshape_InfersMinusOneAndRejectsWrongCounts()
    {
        var t = Tensor.Zeros(2, 3, 4);
        Assert.Equal(new[] { 6, 4 }, t.Reshape(-1, 4).Shape.ToArray());
        var error = Assert.Throws<TensorShapeException>(() => t.Reshape(5, 5));
        Assert.Contains("24 elements", error.Message);
    }

    [Fact]
    public void RandomGenerator_IsReproducible()
    {
        var a = Tensor.Uniform(new RandomGenerator(7), -1, 1, 100).ToArray();
        var b = Tensor.Uniform(new RandomGenerator(7), -1, 1, 100).ToArray();
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, -1f, 1f));
    }
}
