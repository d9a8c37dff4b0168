using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

public class GradientClippingTests
{
    private static Tensor WithGrad(params float[] grad)
    {
        Tensor p = Tensor.Zeros(grad.Length);
        p.RequiresGrad = true;
        p.Grad = Tensor.FromArray(grad);
        return p;
    }

    [Fact]
    public void ClipGradientNorm_ScalesAllGradientsTogether()
    {
        Tensor a = WithGrad(3f), b = WithGrad(0f, 4f);
        float total = GradientClipping.ClipGradientNorm([a, b], maxNorm: 1f);
        Assert.Equal(5f, total);
        float scale = 1f / (5f + 1e-6f) * 1f;
        Assert.Equal([3f * scale], a.Grad!.ToArray());
        Assert.Equal([0f, 4f * scale], b.Grad!.ToArray());
    }

    [Fact]
    public void ClipGradientNorm_BelowTheLimit_LeavesGradientsExactly()
    {
        Tensor a = WithGrad(0.3f, -0.4f);
        Assert.Equal(0.5f, GradientClipping.ClipGradientNorm([a], maxNorm: 2f), 6);
        Assert.Equal([0.3f, -0.4f], a.Grad!.ToArray());
    }

    [Theory]
    [InlineData(1f, 9f)]
    [InlineData(float.PositiveInfinity, 4f)]
    [InlineData(3f, 4.626065f)]   // (8 + 27 + 64)^(1/3)
    public void ClipGradientNorm_ReturnsThePNorm(float p, float expected)
        => Assert.Equal(expected, GradientClipping.ClipGradientNorm([WithGrad(2f, -3f), WithGrad(4f)], 100f, p), tolerance: 1e-6 * expected);

    [Fact]
    public void ClipGradientNorm_NoGradients_ReturnsZero()
    {
        Tensor p = Tensor.Zeros(3);
        p.RequiresGrad = true;
        Assert.Equal(0f, GradientClipping.ClipGradientNorm([p], 1f));
        Assert.Equal(0f, GradientClipping.GlobalGradientNorm([p]));
        Assert.Null(p.Grad);
    }

    [Fact]
    public void ClipGradientNorm_NonFinite_ThrowsWhenAskedAndChangesNothing()
    {
        Tensor a = WithGrad(1f, float.NaN), b = WithGrad(2f);
        var error = Assert.Throws<NotFiniteNumberException>(() => GradientClipping.ClipGradientNorm([a, b], 1f, errorIfNonfinite: true));
        Assert.Contains("errorIfNonfinite", error.Message);
        Assert.Equal([2f], b.Grad!.ToArray());

        GradientClipping.ClipGradientNorm([a, b], 1f);
        Assert.True(float.IsNaN(b.Grad!.ToArray()[0]));   // as PyTorch: scaled by a NaN coefficient
    }

    [Fact]
    public void ClipGradientNorm_InfiniteNorm_ZeroesFiniteEntries()
    {
        Tensor a = WithGrad(float.PositiveInfinity, 3f);
        Assert.Equal(float.PositiveInfinity, GradientClipping.ClipGradientNorm([a], 1f));
        Assert.Equal(0f, a.Grad!.ToArray()[1]);
    }

    [Fact]
    public void GlobalGradientNorm_DoesNotChangeGradients()
    {
        Tensor a = WithGrad(3f), b = WithGrad(4f);
        Assert.Equal(5f, GradientClipping.GlobalGradientNorm([a, b]));
        Assert.Equal([3f], a.Grad!.ToArray());
    }

    [Fact]
    public void ClipGradientValue_ClampsEachElementAndKeepsNaN()
    {
        Tensor a = WithGrad(-3f, 0.2f, 5f, float.NaN);
        GradientClipping.ClipGradientValue([a], 1f);
        float[] clipped = a.Grad!.ToArray();
        Assert.Equal([-1f, 0.2f, 1f], clipped[..3]);
        Assert.True(float.IsNaN(clipped[3]));
    }

    [Fact]
    public void Clipping_NonContiguousGradient_IsHandled()
    {
        Tensor p = Tensor.Zeros(3, 2);
        p.RequiresGrad = true;
        p.Grad = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3).Transpose(0, 1);
        GradientClipping.ClipGradientValue([p], 4f);
        Assert.Equal([1f, 4f, 2f, 4f, 3f, 4f], p.Grad!.ToArray());
    }

    [Theory]
    [InlineData(-1f, 2f, "maxNorm")]
    [InlineData(float.NaN, 2f, "maxNorm")]
    [InlineData(1f, 0f, "normType")]
    [InlineData(1f, float.NegativeInfinity, "normType")]
    public void ClipGradientNorm_BadArguments_AreRejected(float maxNorm, float normType, string argument)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradientNorm([WithGrad(1f)], maxNorm, normType));
        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void ClipGradientValue_Negative_IsRejected()
        => Assert.Equal("clipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGradientValue([WithGrad(1f)], -1f)).ParamName);

    [Fact]
    public void Clipping_NullArguments_AreRejected()
    {
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => GradientClipping.GlobalGradientNorm(null!)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipGradientValue([WithGrad(1f), null!], 1f)).ParamName);
    }
}
