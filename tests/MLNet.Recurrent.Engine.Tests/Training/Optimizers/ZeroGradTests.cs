using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training.Optimizers;

/// <summary>ZeroGrad(setToNone): null gradients (the default) or the same gradient tensors filled with zeros.</summary>
public class ZeroGradTests
{
    [Fact]
    public void OptimizerZeroGrad_InPlace_KeepsTheTensorsAndZeroesThem()
    {
        var linear = new Linear(3, 2, generator: new RandomGenerator(1));
        var optimizer = new Sgd(linear.Parameters(), 0.1f);
        Tensor x = Tensor.Normal(new RandomGenerator(2), 0, 1, 4, 3);
        linear.Forward(x).Sum().Backward();
        Tensor[] gradients = [.. linear.Parameters().Select(p => p.Grad!)];

        optimizer.ZeroGrad(setToNone: false);

        Assert.All(linear.Parameters().Zip(gradients), pair => Assert.Same(pair.Second, pair.First.Grad));
        Assert.All(gradients, g => Assert.All(g.ToArray(), v => Assert.Equal(0f, v)));
        linear.Forward(x).Sum().Backward();
        Assert.Contains(gradients, g => g.ToArray().Any(v => v != 0f));
    }

    [Fact]
    public void ModuleZeroGrad_DefaultsToNone_AndCanZeroInPlace()
    {
        var linear = new Linear(3, 2, generator: new RandomGenerator(1));
        Tensor x = Tensor.Normal(new RandomGenerator(2), 0, 1, 4, 3);
        linear.Forward(x).Sum().Backward();
        Tensor weightGradient = linear.Weight.Grad!;
        linear.ZeroGrad(setToNone: false);
        Assert.Same(weightGradient, linear.Weight.Grad);
        Assert.All(weightGradient.ToArray(), v => Assert.Equal(0f, v));
        linear.ZeroGrad();
        Assert.All(linear.Parameters(), p => Assert.Null(p.Grad));
    }
}
