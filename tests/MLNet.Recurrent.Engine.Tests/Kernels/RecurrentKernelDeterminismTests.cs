using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Kernels.Cpu;
using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Nn;

namespace MLNet.Recurrent.Engine.Tests.Kernels;

/// <summary>
/// The fused recurrent kernel gives the same bits — outputs, final states, every gradient and the gradient-norm
/// profile — for 1 to 4 threads (batch split into row chunks, or one chunk with a multithreaded step GEMM) and for
/// every vector width (which also checks the SIMD gate pass against its scalar instantiation), across cells, lengths,
/// directions, layers and layouts. The single-thread, single-chunk path is the one the parity tests check.
/// </summary>
[Collection(SequentialGlobalStateCollection.Name)]
public class RecurrentKernelDeterminismTests
{
    public static TheoryData<RecurrentCellKind, bool, bool, bool, bool> Configurations()
    {
        var data = new TheoryData<RecurrentCellKind, bool, bool, bool, bool>();
        foreach (RecurrentCellKind cell in Enum.GetValues<RecurrentCellKind>())
        {
            // lengths, bidirectional (and two layers), batch-first, one time step per block
            data.Add(cell, false, false, false, false);
            data.Add(cell, false, false, false, true);
            data.Add(cell, true, true, false, true);
            data.Add(cell, true, false, true, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ForwardAndBackward_AreBitIdenticalForEveryThreadCountAndWidth(RecurrentCellKind cell, bool withLengths, bool bidirectional, bool batchFirst, bool smallBlocks)
    {
        long blockBytes = smallBlocks ? 1 : RecurrentChunkPlan.BlockBytes;
        float[][] reference = Run(cell, withLengths, bidirectional, batchFirst, threads: 1, GemmVectorWidth.Auto, singleChunk: false, blockBytes);
        var variants = new List<(int Threads, GemmVectorWidth Width, bool SingleChunk)>
        {
            (2, GemmVectorWidth.Auto, false), (3, GemmVectorWidth.Auto, false), (4, GemmVectorWidth.Auto, false),
            (2, GemmVectorWidth.Auto, true), (1, GemmVectorWidth.Scalar, false), (2, GemmVectorWidth.Vector128, false),
        };
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            variants.Add((1, GemmVectorWidth.Vector256, false));
        }
        foreach (var (threads, width, singleChunk) in variants)
        {
            if (width != GemmVectorWidth.Auto && !System.Runtime.Intrinsics.X86.Fma.IsSupported)
            {
                continue; // without FMA the widths may round a·b + c differently
            }
            float[][] actual = Run(cell, withLengths, bidirectional, batchFirst, threads, width, singleChunk, blockBytes);
            for (int i = 0; i < reference.Length; i++)
            {
                Assert.True(reference[i].AsSpan().SequenceEqual(actual[i]), $"result {i} differs with {threads} threads, width {width}, single chunk {singleChunk}.");
            }
        }
    }

    [Theory]
    [InlineData(RecurrentCellKind.Lstm, false)]
    [InlineData(RecurrentCellKind.Gru, true)]
    [InlineData(RecurrentCellKind.RnnTanh, true)]
    public void BlocksOfSteps_ChangeOnlyTheRoundingOfTheWeightGradients(RecurrentCellKind cell, bool withLengths)
    {
        // One block (the default at this size) against one step per block: forward, ∂input, ∂h0 and the norms are
        // computed row by row and must not change at all; weight and bias gradients are sums over blocks, so only their
        // rounding may.
        float[][] whole = Run(cell, withLengths, true, false, threads: 2, GemmVectorWidth.Auto, singleChunk: false, RecurrentChunkPlan.BlockBytes);
        float[][] blocked = Run(cell, withLengths, true, false, threads: 2, GemmVectorWidth.Auto, singleChunk: false, blockBytes: 1);
        for (int i = 0; i < whole.Length; i++)
        {
            // The first four are output, h_n, ∂input, ∂h0; the last four the norm profiles (two layers, two directions).
            if (i < 4 || i >= whole.Length - 4)
            {
                Assert.True(whole[i].AsSpan().SequenceEqual(blocked[i]), $"result {i} must not depend on the blocks.");
                continue;
            }
            float scale = whole[i].Max(MathF.Abs);
            for (int j = 0; j < whole[i].Length; j++)
            {
                Assert.True(MathF.Abs(whole[i][j] - blocked[i][j]) <= 1e-5f * scale + 1e-7f, $"result {i}[{j}]: {whole[i][j]} vs {blocked[i][j]}.");
            }
        }
    }

    /// <summary>Output, h_n, (c_n), ∂input, ∂h0, every ∂parameter and the norm profile, as arrays.</summary>
    private static float[][] Run(RecurrentCellKind cell, bool withLengths, bool bidirectional, bool batchFirst,
        int threads, GemmVectorWidth width, bool singleChunk, long blockBytes)
    {
        const int steps = 6, batch = 29, inputSize = 5, hidden = 13;
        int layers = bidirectional ? 2 : 1;
        RecurrentLayer layer = RecurrentGradientTests.Create(cell, inputSize, hidden, layers, batchFirst, bidirectional, dropout: 0f, seed: 3);
        layer.RecordHiddenStateGradientNorms = true;
        var random = new RandomGenerator(11);
        Tensor input = Tensor.Normal(random, 0, 1, batchFirst ? [batch, steps, inputSize] : [steps, batch, inputSize]).RequireGrad();
        Tensor h0 = Tensor.Normal(random, 0, 0.5f, layers * (bidirectional ? 2 : 1), batch, hidden).RequireGrad();
        int[]? lengths = withLengths ? Enumerable.Range(0, batch).Select(b => 1 + (b * 7 + 3) % steps).ToArray() : null;
        Tensor outputGradient = Tensor.Normal(random, 0, 1, batchFirst ? [batch, steps, layer.Directions * hidden] : [steps, batch, layer.Directions * hidden]);

        long savedThreshold = RecurrentChunkPlan.SingleChunkStepFlops, savedBlockBytes = RecurrentChunkPlan.BlockBytes;
        int savedBlockRows = RecurrentChunkPlan.MinBlockRows;
        Gemm.ForcedThreadCount = threads;
        Gemm.ForcedVectorWidth = width;
        RecurrentChunkPlan.SingleChunkStepFlops = singleChunk ? 0 : savedThreshold;
        RecurrentChunkPlan.BlockBytes = blockBytes;
        RecurrentChunkPlan.MinBlockRows = blockBytes == 1 ? 1 : savedBlockRows;
        try
        {
            RecurrentOutput result = layer.Forward(input, h0, null, lengths);
            result.Output.Backward(outputGradient);
            result.HiddenState.Backward(Tensor.Ones(result.HiddenState.ShapeArray));
            var arrays = new List<float[]> { result.Output.ToArray(), result.HiddenState.ToArray(), input.Grad!.ToArray(), h0.Grad!.ToArray() };
            arrays.AddRange(layer.Parameters().Select(p => p.Grad!.ToArray()));
            HiddenStateGradientNorms norms = layer.LastHiddenStateGradientNorms!;
            for (int l = 0; l < norms.Layers; l++)
            {
                for (int d = 0; d < norms.Directions; d++)
                {
                    arrays.Add([.. norms[l, d]]);
                }
            }
            return [.. arrays];
        }
        finally
        {
            Gemm.ForcedThreadCount = 0;
            Gemm.ForcedVectorWidth = GemmVectorWidth.Auto;
            RecurrentChunkPlan.SingleChunkStepFlops = savedThreshold;
            RecurrentChunkPlan.BlockBytes = savedBlockBytes;
            RecurrentChunkPlan.MinBlockRows = savedBlockRows;
        }
    }
}
