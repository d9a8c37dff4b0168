using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

public class HyperParameterTests
{
    [Theory]
    [InlineData(0.999f, 0.999)]
    [InlineData(0.9f, 0.9)]
    [InlineData(1e-8f, 1e-8)]
    [InlineData(0.1f, 0.1)]
    [InlineData(3e-4f, 3e-4)]
    [InlineData(0f, 0.0)]
    public void Widen_GivesTheDoubleOfTheDecimalLiteral(float value, double expected)
        => Assert.Equal(expected, HyperParameter.Widen(value));

    [Fact]
    public void Widen_KeepsTheFloat()
    {
        var generator = new RandomGenerator(3);
        for (int i = 0; i < 1000; i++)
        {
            float value = generator.NextSingle() * MathF.Pow(10, i % 12 - 8);
            Assert.Equal(value, (float)HyperParameter.Widen(value));
        }
    }
}
