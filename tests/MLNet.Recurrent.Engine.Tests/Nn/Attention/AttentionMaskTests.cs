using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

public class AttentionMaskTests
{
    /// <summary>Applies a mask to zero scores of its own shape and reads back which elements became −∞.</summary>
    private static bool[] Masked(AttentionMask mask)
        => [.. mask.ApplyTo(Tensor.Zeros(mask.Shape.ToArray()), mask.Shape.ToArray()).ToArray().Select(float.IsNegativeInfinity)];

    [Fact]
    public void FromLengths_MasksPositionsAtOrPastEachLength()
    {
        AttentionMask mask = AttentionMask.FromLengths([2, 4, 1], 4);
        Assert.True(mask.IsBoolean);
        Assert.Equal(new[] { 3, 4 }, mask.Shape.ToArray());
        Assert.Equal(
            new[] { false, false, true, true, false, false, false, false, false, true, true, true },
            Masked(mask));
    }

    [Fact]
    public void Causal_MasksTheFuture()
    {
        Assert.Equal(new[] { false, true, true, false, false, true, false, false, false }, Masked(AttentionMask.Causal(3)));
    }

    [Fact]
    public void FromAdditive_AddsTheBias()
    {
        Tensor bias = Tensor.FromArray([0.5f, float.NegativeInfinity, -1f], 1, 3);
        AttentionMask mask = AttentionMask.FromAdditive(bias);
        Assert.False(mask.IsBoolean);
        Tensor scores = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        Assert.Equal(new[] { 1.5f, float.NegativeInfinity, 2f, 4.5f, float.NegativeInfinity, 5f }, mask.ApplyTo(scores, [1, 3]).ToArray());
    }

    [Fact]
    public void FromBoolean_CopiesTheValues()
    {
        bool[] values = [true, false];
        AttentionMask mask = AttentionMask.FromBoolean(values, 1, 2);
        values[0] = false;
        Assert.Equal(new[] { true, false }, Masked(mask));
    }

    [Fact]
    public void FromBoolean_WrongCount_NamesMasked()
    {
        var error = Assert.Throws<TensorShapeException>(() => AttentionMask.FromBoolean(new bool[5], 2, 3));
        Assert.Equal("masked", error.ParamName);
        Assert.Contains("6 values for shape (2, 3)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void FromLengths_LengthOutsideOneToS_NamesLengths(int length)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AttentionMask.FromLengths([2, length], 4));
        Assert.Equal("lengths", error.ParamName);
        Assert.Contains("lengths[1] in [1, S=4]", error.Message);
    }

    [Fact]
    public void FromLengths_NonPositiveSourceLength_NamesSourceLength()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AttentionMask.FromLengths([1], 0));
        Assert.Equal("sourceLength", error.ParamName);
    }

    [Fact]
    public void Causal_NonPositiveSize_NamesSize()
        => Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => AttentionMask.Causal(0)).ParamName);

    [Fact]
    public void NullArguments_AreNamed()
    {
        Assert.Equal("bias", Assert.Throws<ArgumentNullException>(() => AttentionMask.FromAdditive(null!)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => AttentionMask.FromBoolean([], null!)).ParamName);
    }
}
