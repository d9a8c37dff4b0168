using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class LinearTests
{
    [Fact]
    public void Forward_IsInputTimesWeightTransposedPlusBias()
    {
        var linear = new Linear(3, 2);
        linear.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3),
            ["bias"] = Tensor.FromArray([0.5f, -1], 2),
        });
        Tensor y = linear.Forward(Tensor.FromArray([1, 0, -1, 2, 1, 0], 2, 3));
        Assert.Equal(new float[] { 1 - 3 + 0.5f, 4 - 6 - 1, 2 + 2 + 0.5f, 8 + 5 - 1 }, y.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_MatchesFiniteDifferences(bool bias)
    {
        var linear = new Linear(4, 3, bias, new RandomGenerator(2));
        Tensor x = Tensor.Normal(new RandomGenerator(5), 0, 1, 2, 5, 4);
        x.RequiresGrad = true;
        GradientCheck.Assert(v => [linear.Forward(v[0])], [x], linear.Parameters());
    }

    [Fact]
    public void Forward_WrongFeatureCount_NamesInput()
    {
        var error = Assert.Throws<TensorShapeException>(() => new Linear(4, 3).Forward(Tensor.Zeros(2, 5)));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("H_in=4", error.Message);
        Assert.Contains("(2, 5)", error.Message);
    }
}
