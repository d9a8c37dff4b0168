using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Engine.Tests.Kernels;

/// <summary>Gemm rejects bad sizes, strides and buffers with messages that name the argument and say expected vs actual.</summary>
public class GemmValidationTests
{
    private static void Call(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
        => Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, new float[aLength], lda, new float[bLength], ldb, 0f, new float[cLength], ldc);

    [Theory]
    [InlineData(-1, 2, 2, "m")]
    [InlineData(2, -3, 2, "n")]
    [InlineData(2, 2, -4, "k")]
    public void Multiply_NegativeSize_ThrowsOutOfRangeNamingIt(int m, int n, int k, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Call(false, false, m, n, k, 100, 10, 100, 10, 100, 10));
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"expected {name} ≥ 0", error.Message);
    }

    [Fact]
    public void Multiply_ShortLda_SaysExpectedAndActual()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Call(false, false, 4, 5, 6, 100, 5, 100, 5, 100, 5));
        Assert.Equal("lda", error.ParamName);
        Assert.Contains("expected lda ≥ 6", error.Message);
        Assert.Contains("got 5", error.Message);
    }

    [Fact]
    public void Multiply_ShortLdaWithTransposeA_ExpectsM()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Call(true, false, 4, 5, 6, 100, 3, 100, 5, 100, 5));
        Assert.Equal("lda", error.ParamName);
        Assert.Contains("expected lda ≥ 4", error.Message);
        Assert.Contains("k×m", error.Message);
    }

    [Fact]
    public void Multiply_ShortLdbWithTransposeB_ExpectsK()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Call(false, true, 4, 5, 6, 100, 6, 100, 5, 100, 5));
        Assert.Equal("ldb", error.ParamName);
        Assert.Contains("expected ldb ≥ 6", error.Message);
    }

    [Fact]
    public void Multiply_ShortLdc_SaysExpectedAndActual()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Call(false, false, 4, 5, 6, 100, 6, 100, 5, 100, 4));
        Assert.Equal("ldc", error.ParamName);
        Assert.Contains("expected ldc ≥ 5", error.Message);
        Assert.Contains("got 4", error.Message);
    }

    [Theory]
    [InlineData("a", 4 * 7 - 2, 100, 100, 3 * 7 + 6)]
    [InlineData("b", 100, 5 * 9 + 4, 100, 5 * 9 + 5)]
    [InlineData("c", 100, 100, 3 * 8 + 4, 3 * 8 + 5)]
    public void Multiply_ShortBuffer_SaysRequiredAndActualLength(string name, int aLength, int bLength, int cLength, int required)
    {
        var error = Assert.Throws<ArgumentException>(() => Call(false, false, 4, 5, 6, aLength, 7, bLength, 9, cLength, 8));
        Assert.Equal(name, error.ParamName);
        Assert.Contains($"expected at least {required} elements", error.Message);
        Assert.Contains($"got {Math.Min(aLength, Math.Min(bLength, cLength))}", error.Message);
    }

    [Fact]
    public void Multiply_ExactlySizedBuffersAndEmptyShapes_AreAccepted()
    {
        // (rows − 1)·stride + columns elements is enough; the last row needs no padding.
        Call(false, false, 4, 5, 6, 3 * 7 + 6, 7, 5 * 9 + 5, 9, 3 * 8 + 5, 8);
        Call(false, false, 0, 5, 6, 0, 6, 5 * 5 + 5, 5, 0, 5);
        Call(false, false, 3, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
