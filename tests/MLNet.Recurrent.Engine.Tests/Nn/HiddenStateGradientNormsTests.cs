using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Nn;

public class HiddenStateGradientNormsTests
{
    /// <summary>
    /// ∂L/∂h_t is checked independently: rerunning the layer on steps t+1… from h0 := h_t gives ∂L/∂h0, and
    /// ∂L/∂h_t = (upstream gradient of output t) + that.
    /// </summary>
    [Theory]
    [InlineData(RecurrentCellKind.RnnTanh)]
    [InlineData(RecurrentCellKind.Gru)]
    public void Profile_EqualsTotalDerivativeWithRespectToEachHiddenState(RecurrentCellKind cell)
    {
        const int steps = 6, batch = 2, hidden = 3;
        var layer = RecurrentGradientTests.Create(cell, 2, hidden, 1, false, false, 0f, seed: 3);
        var random = new RandomGenerator(9);
        Tensor input = Tensor.Normal(random, 0, 1, steps, batch, 2);
        Tensor outputGradient = Tensor.Normal(random, 0, 1, steps, batch, hidden);
        Tensor finalGradient = Tensor.Normal(random, 0, 1, 1, batch, hidden);

        layer.RecordHiddenStateGradientNorms = true;
        RecurrentOutput full = RecurrentGradientTests.Run(layer, input.Clone().RequireGrad(), null, null, null);
        // One backward call carrying both upstream gradients (each call records its own profile).
        ((full.Output * outputGradient).Sum() + (full.HiddenState * finalGradient).Sum()).Backward();
        IReadOnlyList<float> profile = layer.LastHiddenStateGradientNorms![0, 0];
        layer.RecordHiddenStateGradientNorms = false;

        for (int t = 0; t < steps - 1; t++)
        {
            Tensor h = full.Output.Narrow(0, t, 1).Contiguous().Detach().Clone().RequireGrad();
            Tensor rest = input.Narrow(0, t + 1, steps - t - 1).Contiguous();
            RecurrentOutput tail = RecurrentGradientTests.Run(layer, rest, h, null, null);
            ((tail.Output * outputGradient.Narrow(0, t + 1, steps - t - 1)).Sum() + (tail.HiddenState * finalGradient).Sum()).Backward();
            Tensor total = outputGradient.Narrow(0, t, 1) + h.Grad!;
            double expected = Math.Sqrt(total.ToArray().Sum(v => (double)v * v));
            Assert.Equal(expected, profile[t], 4);
        }
        double last = Math.Sqrt((outputGradient.Narrow(0, steps - 1, 1) + finalGradient).ToArray().Sum(v => (double)v * v));
        Assert.Equal(last, profile[steps - 1], 4);
    }

    [Fact]
    public void Profile_VanishesBackInTimeForAContractiveTanhRnn()
    {
        var rnn = new Rnn(1, 16, generator: new RandomGenerator(1));
        rnn.RecordHiddenStateGradientNorms = true;
        Tensor input = Tensor.Normal(new RandomGenerator(2), 0, 1, 60, 4, 1);
        RecurrentOutput result = rnn.Forward(input);
        result.HiddenState.Sum().Backward();
        IReadOnlyList<float> profile = rnn.LastHiddenStateGradientNorms![0, 0];
        Assert.True(rnn.HiddenWeightSpectralNorms()[0].Whole < 1.5f);
        Assert.True(profile[0] < 1e-3f * profile[59], $"‖∂L/∂h_0‖ = {profile[0]}, ‖∂L/∂h_59‖ = {profile[59]}");
    }
}
