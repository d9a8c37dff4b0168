using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels.Cpu;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Nn;

/// <summary>
/// The recurrent layers' buffer reuse: steady-state training steps and inference calls allocate little beyond the
/// results, reused buffers never leak stale values into a later call, and a backward through a call whose buffers a
/// later forward has reclaimed fails loudly.
/// </summary>
[Collection(SequentialGlobalStateCollection.Name)]
public class RecurrentWorkspaceTests
{
    [Theory]
    [InlineData(RecurrentCellKind.Lstm)]
    [InlineData(RecurrentCellKind.Gru)]
    [InlineData(RecurrentCellKind.RnnTanh)]
    public void SteadyStateTrainingStep_AllocatesLittleMoreThanTheResults(RecurrentCellKind cell)
    {
        const int steps = 20, batch = 16, inputSize = 8, hidden = 32;
        RecurrentLayer layer = RecurrentGradientTests.Create(cell, inputSize, hidden, 2, false, true, dropout: 0.2f, seed: 1);
        var random = new RandomGenerator(2);
        Tensor input = Tensor.Normal(random, 0, 1, steps, batch, inputSize);
        Tensor outputGradient = Tensor.Normal(random, 0, 1, steps, batch, 2 * hidden);
        var optimizer = new Sgd(layer.Parameters(), 1e-3f, momentum: 0.9f);
        void Step()
        {
            optimizer.ZeroGrad(setToNone: false);
            layer.Forward(input).Output.Backward(outputGradient);
            optimizer.Step();
        }

        long perStep = MeasureAllocatedBytes(Step);
        long results = (steps * batch * 2 * hidden + 2 * 2 * 2 * batch * hidden) * sizeof(float); // output, h_n, c_n
        Assert.InRange(perStep, 0, results + 16 * 1024);
    }

    [Fact]
    public void Inference_AllocatesLittleMoreThanTheResults()
    {
        const int steps = 20, batch = 16, inputSize = 8, hidden = 32;
        var lstm = new Lstm(inputSize, hidden, numLayers: 3, generator: new RandomGenerator(1));
        Tensor input = Tensor.Normal(new RandomGenerator(2), 0, 1, steps, batch, inputSize);
        void Infer()
        {
            using var _ = GradMode.NoGrad();
            lstm.Forward(input);
        }

        long perCall = MeasureAllocatedBytes(Infer);
        long results = (steps * batch * hidden + 2 * 3 * batch * hidden) * sizeof(float);
        Assert.InRange(perCall, 0, results + 8 * 1024);
    }

    [Fact]
    public void ReusedBuffers_GiveTheSameResultsAsAFreshLayer()
    {
        // Larger, then smaller with lengths, then larger again: stale values in reused buffers must not matter.
        var shapes = new (int Steps, int Batch, int[]? Lengths)[] { (7, 14, null), (4, 13, [4, 1, 3, 2, 4, 4, 1, 2, 3, 3, 1, 2, 4]), (7, 14, null) };
        var reused = new Gru(3, 6, numLayers: 2, bidirectional: true, generator: new RandomGenerator(4));
        foreach (var (steps, batch, lengths) in shapes)
        {
            var fresh = new Gru(3, 6, numLayers: 2, bidirectional: true, generator: new RandomGenerator(4));
            Assert.Equal(Gradients(fresh, steps, batch, lengths), Gradients(reused, steps, batch, lengths));
        }
    }

    [Fact]
    public void Backward_AfterTheLayerReclaimedTheBuffers_Throws()
    {
        var lstm = new Lstm(3, 4, generator: new RandomGenerator(1));
        Tensor input = Tensor.Normal(new RandomGenerator(2), 0, 1, 5, 2, 3);
        RecurrentOutput first = lstm.Forward(input);
        first.Output.Sum().Backward();
        first.HiddenState.Sum().Backward(); // still allowed: no forward in between
        lstm.Forward(input);                // reclaims the first call's buffers
        var error = Assert.Throws<InvalidOperationException>(() => first.CellState!.Sum().Backward());
        Assert.Contains("reused by a later forward", error.Message);
    }

    [Fact]
    public void SeveralCallsInOneGraph_EachKeepTheirBuffersUntilBackward()
    {
        // A decoder that steps the same layer: every call's buffers must survive until the shared backward.
        var gru = new Gru(3, 4, generator: new RandomGenerator(1));
        var random = new RandomGenerator(2);
        Tensor[] inputs = [.. Enumerable.Range(0, 3).Select(_ => Tensor.Normal(random, 0, 1, 2, 2, 3).RequireGrad())];
        for (int round = 0; round < 2; round++)
        {
            Tensor? state = null;
            Tensor loss = Tensor.Zeros(1);
            foreach (Tensor x in inputs)
            {
                RecurrentOutput step = gru.Forward(x, state);
                state = step.HiddenState;
                loss = loss + step.Output.Sum();
            }
            loss.Sum().Backward();
        }
        Assert.All(inputs, x => Assert.True(x.Grad!.ToArray().All(float.IsFinite)));
    }

    private static float[][] Gradients(RecurrentLayer layer, int steps, int batch, int[]? lengths)
    {
        Tensor input = Tensor.Normal(new RandomGenerator(steps * 100 + batch), 0, 1, steps, batch, 3).RequireGrad();
        RecurrentOutput result = layer.Forward(input, null, null, lengths);
        (result.Output.Sum() + result.HiddenState.Sum()).Backward();
        var arrays = new List<float[]> { result.Output.ToArray(), input.Grad!.ToArray() };
        arrays.AddRange(layer.Parameters().Select(p => p.Grad!.ToArray()));
        layer.ZeroGrad();
        return [.. arrays];
    }

    /// <summary>Bytes allocated by the calling thread per call, after warm-up, single-threaded kernels.</summary>
    private static long MeasureAllocatedBytes(Action call)
    {
        Gemm.ForcedThreadCount = 1;
        try
        {
            for (int i = 0; i < 3; i++)
            {
                call();
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            const int calls = 5;
            for (int i = 0; i < calls; i++)
            {
                call();
            }
            return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
        }
        finally
        {
            Gemm.ForcedThreadCount = 0;
        }
    }
}
