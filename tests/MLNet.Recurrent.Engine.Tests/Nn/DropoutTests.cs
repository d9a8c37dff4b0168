using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class DropoutTests
{
    [Fact]
    public void Training_ZeroesAboutPAndScalesSurvivors()
    {
        var dropout = new Dropout(0.25f, new RandomGenerator(1));
        float[] y = dropout.Forward(Tensor.Ones(10_000)).ToArray();
        int zeros = y.Count(v => v == 0f);
        Assert.InRange(zeros, 2300, 2700);
        Assert.All(y.Where(v => v != 0f), v => Assert.Equal(1f / 0.75f, v, 6));
    }

    [Fact]
    public void Backward_UsesTheSameMask()
    {
        var dropout = new Dropout(0.5f, new RandomGenerator(3));
        Tensor x = Tensor.Ones(200);
        x.RequiresGrad = true;
        Tensor y = dropout.Forward(x);
        y.Backward(Tensor.Ones(200));
        Assert.Equal(y.ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void Eval_IsTheIdentity()
    {
        var dropout = new Dropout(0.9f);
        dropout.Eval();
        Tensor x = Tensor.Normal(new RandomGenerator(2), 0, 1, 7);
        Assert.Same(x, dropout.Forward(x));
    }
}
