using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

/// <summary>
/// Finite-difference checks of the fused recurrent node: gradients of output, h_n and c_n with respect to the
/// input, h0, c0 and every parameter, across cells and configurations (see <see cref="GradientCheck"/> for the
/// tolerance: |analytic − numeric| ≤ 1e-3 + 5e-3·|numeric|).
/// </summary>
public class RecurrentGradientTests
{
    public static TheoryData<RecurrentCellKind, int, bool, bool, bool, bool> Configurations()
    {
        var data = new TheoryData<RecurrentCellKind, int, bool, bool, bool, bool>();
        foreach (RecurrentCellKind cell in Enum.GetValues<RecurrentCellKind>())
        {
            // layers, bidirectional, lengths, initial state, batch-first
            data.Add(cell, 1, false, false, false, false);
            data.Add(cell, 1, true, true, false, false);
            data.Add(cell, 2, false, false, true, true);
            data.Add(cell, 2, true, true, true, true);
            data.Add(cell, 3, true, false, true, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Backward_MatchesFiniteDifferences(RecurrentCellKind cell, int layers, bool bidirectional, bool withLengths, bool withInitialState, bool batchFirst)
    {
        const int steps = 4, batch = 3, inputSize = 3, hidden = 4;
        var random = new RandomGenerator(17);
        RecurrentLayer layer = Create(cell, inputSize, hidden, layers, batchFirst, bidirectional, dropout: 0f, seed: 5);
        int stateLayers = layers * (bidirectional ? 2 : 1);
        Tensor input = Tensor.Normal(random, 0, 1, batchFirst ? [batch, steps, inputSize] : [steps, batch, inputSize]);
        input.RequiresGrad = true;
        var inputs = new List<Tensor> { input };
        if (withInitialState)
        {
            Tensor h0 = Tensor.Normal(random, 0, 0.5f, stateLayers, batch, hidden);
            h0.RequiresGrad = true;
            inputs.Add(h0);
            if (cell == RecurrentCellKind.Lstm)
            {
                Tensor c0 = Tensor.Normal(random, 0, 0.5f, stateLayers, batch, hidden);
                c0.RequiresGrad = true;
                inputs.Add(c0);
            }
        }
        int[]? lengths = withLengths ? [2, 4, 1] : null;

        // ReLU has a kink at 0: a step of 1e-2 would cross it for some pre-activations, so it gets a 10× smaller
        // step (and, with float32 rounding amplified by 1/(2h), a 2× looser absolute tolerance).
        GradientCheckOptions options = cell == RecurrentCellKind.RnnRelu
            ? new GradientCheckOptions { Epsilon = 1e-3, AbsoluteTolerance = 2e-3 }
            : GradientCheckOptions.Default;
        GradientCheckResult result = GradientCheck.Assert(
            x => Outputs(Run(layer, x[0], x.Length > 1 ? x[1] : null, x.Length > 2 ? x[2] : null, lengths)),
            [.. inputs], layer.Parameters(), options);
        Assert.True(result.ElementsChecked > layer.ParameterCount);
    }

    [Theory]
    [InlineData(RecurrentCellKind.Lstm)]
    [InlineData(RecurrentCellKind.Gru)]
    [InlineData(RecurrentCellKind.RnnTanh)]
    public void BackwardThroughInterLayerDropout_MatchesFiniteDifferences(RecurrentCellKind cell)
    {
        // A fresh layer with the same seed draws the same weights and the same dropout masks on every call.
        var random = new RandomGenerator(3);
        Tensor input = Tensor.Normal(random, 0, 1, 5, 2, 3);
        input.RequiresGrad = true;
        GradientCheck.Assert(
            x => Outputs(Run(Create(cell, 3, 4, 3, false, true, dropout: 0.4f, seed: 9), x[0], null, null, null)),
            [input]);
    }

    [Fact]
    public void Dropout_IsActiveOnlyInTrainingAndReproducibleFromTheSeed()
    {
        Tensor input = Tensor.Normal(new RandomGenerator(1), 0, 1, 6, 2, 3);
        var plain = Create(RecurrentCellKind.Lstm, 3, 5, 2, false, false, dropout: 0f, seed: 4);
        var dropped = Create(RecurrentCellKind.Lstm, 3, 5, 2, false, false, dropout: 0.5f, seed: 4);
        var droppedAgain = Create(RecurrentCellKind.Lstm, 3, 5, 2, false, false, dropout: 0.5f, seed: 4);
        float[] reference = Run(plain, input, null, null, null).Output.ToArray();
        float[] training = Run(dropped, input, null, null, null).Output.ToArray();
        Assert.NotEqual(reference, training);
        Assert.Equal(training, Run(droppedAgain, input, null, null, null).Output.ToArray());
        dropped.Eval();
        Assert.Equal(reference, Run(dropped, input, null, null, null).Output.ToArray());
    }

    [Fact]
    public void Lengths_LeaveOutputsPastTheEndZeroAndFinalStatesAtEachSequencesEnd()
    {
        var gru = new Gru(2, 3, generator: new RandomGenerator(2));
        Tensor input = Tensor.Normal(new RandomGenerator(8), 0, 1, 5, 2, 2);
        RecurrentOutput packed = gru.Forward(input, lengths: [5, 3]);
        // The second sequence alone, truncated to its 3 steps, must give the same outputs and final state.
        Tensor alone = input.Narrow(1, 1, 1).Narrow(0, 0, 3).Contiguous();
        RecurrentOutput reference = gru.Forward(alone);
        for (int t = 0; t < 5; t++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(t < 3 ? reference.Output[t, 0, j] : 0f, packed.Output[t, 1, j], 6);
            }
        }
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(reference.HiddenState[0, 0, j], packed.HiddenState[0, 1, j], 6);
        }
    }

    internal static RecurrentLayer Create(RecurrentCellKind cell, int inputSize, int hidden, int layers, bool batchFirst, bool bidirectional, float dropout, long seed)
    {
        return RecurrentLayer.Create(cell, inputSize, hidden, layers, true, batchFirst, dropout, bidirectional, generator: new RandomGenerator(seed));
    }

    internal static RecurrentOutput Run(RecurrentLayer layer, Tensor input, Tensor? h0, Tensor? c0, int[]? lengths)
        => layer.Forward(input, h0, c0, lengths);

    private static Tensor[] Outputs(RecurrentOutput result)
        => result.CellState is null ? [result.Output, result.HiddenState] : [result.Output, result.HiddenState, result.CellState];
}
