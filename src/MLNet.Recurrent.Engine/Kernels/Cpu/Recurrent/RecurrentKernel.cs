using System.Buffers;
using System.Runtime.Intrinsics;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// The one recurrence driver every cell shares: forward and backward through time for one layer and one direction.
/// W_hh is packed once per call; the input projection is one GEMM per block of time steps (the whole sequence for a
/// short one); per step, one GEMM on h_{t−1} against the packed W_hh and one fused pass of the cell's gate math over the
/// running rows; in backward, the weight gradients are again one GEMM per block. The batch is split into chunks of rows
/// that run their time loop on their own thread (<see cref="RecurrentChunkPlan"/>); the step bodies are in
/// RecurrentKernel.Steps.cs.
/// </summary>
/// <remarks>
/// Dimension legend: L steps, N batch, H_in input size, H hidden size, G gates. Inputs and outputs are read and written
/// in the caller's <see cref="RowLayout"/>; states are kept in the <see cref="SequenceSchedule"/> order so running
/// sequences form a prefix, and the backward cache in its packed layout. Cost: forward 2·L·N·G·H·(H_in + H) flops,
/// backward twice that. Results are bit-identical for every thread count and vector width.
/// </remarks>
internal static unsafe partial class RecurrentKernel<TCell>
    where TCell : IRecurrentCell
{
    /// <summary>
    /// Forward pass. Writes h_t of every running row into <paramref name="output"/> (row stride
    /// <paramref name="outputStride"/>, column offset <paramref name="outputOffset"/>; rows of finished sequences are
    /// left untouched, so pass a zeroed buffer when there are lengths), the final states into <paramref name="hN"/> and
    /// <paramref name="cN"/> ([N, H], caller order), and, when <paramref name="cache"/> is not null, what backward needs.
    /// Without a cache nothing is kept (inference).
    /// </summary>
    public static void Forward(SequenceSchedule schedule, bool reverse, RecurrentDirectionWeights weights, RowLayout layout,
        ReadOnlySpan<float> input, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        Span<float> output, int outputOffset, int outputStride,
        Span<float> hN, Span<float> cN, RecurrentDirectionCache? cache)
    {
        int steps = schedule.Steps, batch = schedule.Batch, hidden = weights.HiddenSize, inputSize = weights.InputSize;
        int gateWidth = TCell.GateCount * hidden;
        int block = StepsPerBlock(layout, schedule, gateWidth);
        GemmVectorWidth width = Gemm.CurrentVectorWidth;
        int threads = Threads();
        Span<int> starts = stackalloc int[RecurrentChunkPlan.MaxChunks + 1];
        int chunks = RecurrentChunkPlan.Plan(schedule, gateWidth, hidden, threads, starts);
        cache?.Ensure(schedule.PackedRows, hidden, TCell.SavedWidth, TCell.HasCellState);

        var pool = ArrayPool<float>.Shared;
        float[] xProjectionArray = pool.Rent(block * batch * gateWidth);
        float[] packedArray = pool.Rent(Gemm.PackedBLength(gateWidth, hidden, width));
        float[] hProjectionArray = pool.Rent(batch * gateWidth);
        float[] stateArray = pool.Rent(2 * batch * hidden);
        float[] scratchArray = pool.Rent(2 * gateWidth + Math.Max(chunks, threads) * TCell.SavedWidth * hidden);
        try
        {
            Span<float> scratch = scratchArray;
            ReadOnlySpan<float> inputBias = BiasOrZeros(weights.InputBias, scratch[..gateWidth]);
            ReadOnlySpan<float> hiddenBias = BiasOrZeros(weights.HiddenBias, scratch.Slice(gateWidth, gateWidth));
            LoadState(h0, stateArray.AsSpan(0, batch * hidden), schedule.Order, hidden);
            if (TCell.HasCellState)
            {
                LoadState(c0, stateArray.AsSpan(batch * hidden, batch * hidden), schedule.Order, hidden);
            }

            fixed (float* xProjection = xProjectionArray, packed = packedArray, hProjection = hProjectionArray,
                   state = stateArray, saveScratch = &scratchArray[2 * gateWidth], bIh = inputBias, bHh = hiddenBias,
                   wHh = weights.HiddenWeights, y = output,
                   cacheH = cache?.HPrevious, cacheC = cache?.CPrevious, cacheSaved = cache?.Saved)
            fixed (int* order = schedule.Order, active = schedule.ActiveCount, offsets = schedule.StepOffset, chunkStarts = starts)
            {
                Gemm.PackB(true, gateWidth, hidden, wHh, hidden, packed, width);
                var job = new ForwardJob
                {
                    PackedHiddenWeights = packed, InputBias = bIh, HiddenBias = bHh,
                    HState = state, CState = state + batch * hidden, HiddenProjection = hProjection,
                    Output = y + outputOffset, OutputStride = outputStride,
                    CacheH = cacheH, CacheC = cacheC, CacheSaved = cacheSaved, SavedScratch = saveScratch,
                    Order = order, Active = active, StepOffset = offsets, ChunkStarts = chunkStarts,
                    Steps = steps, Batch = batch, Hidden = hidden, Layout = layout, Reverse = reverse,
                    Width = width, StepGemmThreads = chunks == 1 ? Gemm.ForcedThreadCount : 1, GateThreads = chunks == 1 ? threads : 1,
                };
                for (int s0 = 0; s0 < steps; s0 += block)
                {
                    (int t0, int t1) = BlockSteps(s0, Math.Min(steps, s0 + block), steps, reverse);
                    // x̂ = X·W_ihᵀ for the block's rows at once (the biases are added in the gate pass); the chunks
                    // then read it while it is still in cache.
                    int first = layout.Row(t0, 0), count = (t1 - t0) * batch;
                    Gemm.Multiply(false, true, count, gateWidth, inputSize, 1f, input.Slice(first * inputSize, count * inputSize), inputSize,
                        weights.InputWeights, inputSize, 0f, xProjectionArray.AsSpan(0, count * gateWidth), gateWidth);
                    job.InputProjection = xProjection - (nint)first * gateWidth;
                    job.FirstStep = s0;
                    job.EndStep = Math.Min(steps, s0 + block);
                    GemmThreadPool.Run(chunks, threads, ForwardBody(width), &job);
                }
            }

            StoreState(stateArray.AsSpan(0, batch * hidden), hN, schedule.Order, hidden);
            if (TCell.HasCellState)
            {
                StoreState(stateArray.AsSpan(batch * hidden, batch * hidden), cN, schedule.Order, hidden);
            }
        }
        finally
        {
            pool.Return(xProjectionArray);
            pool.Return(packedArray);
            pool.Return(hProjectionArray);
            pool.Return(stateArray);
            pool.Return(scratchArray);
        }
    }

    /// <summary>
    /// Backward pass through time. Reads ∂L/∂output (<paramref name="outputGradient"/>, forward's output layout; empty
    /// = zeros) and ∂L/∂h_n, ∂L/∂c_n (empty = zeros); ACCUMULATES into the parameter gradients; writes
    /// (<paramref name="overwriteInputGradient"/>) or accumulates into <paramref name="inputGradient"/> (when not empty);
    /// WRITES ∂L/∂h_0 and ∂L/∂c_0 (when not empty), and, when <paramref name="hiddenGradientNorms"/> is not empty
    /// (length L), ‖∂L/∂h_t‖₂ over the running sequences at each step t.
    /// </summary>
    public static void Backward(SequenceSchedule schedule, bool reverse, RecurrentDirectionWeights weights, RowLayout layout,
        ReadOnlySpan<float> input, RecurrentDirectionCache cache,
        ReadOnlySpan<float> outputGradient, int outputOffset, int outputStride,
        ReadOnlySpan<float> hNGradient, ReadOnlySpan<float> cNGradient,
        Span<float> inputGradient, bool overwriteInputGradient, RecurrentDirectionGradients gradients,
        Span<float> h0Gradient, Span<float> c0Gradient, Span<float> hiddenGradientNorms = default)
    {
        int steps = schedule.Steps, batch = schedule.Batch, hidden = weights.HiddenSize, inputSize = weights.InputSize;
        int gateWidth = TCell.GateCount * hidden;
        int block = StepsPerBlock(layout, schedule, gateWidth);
        GemmVectorWidth width = Gemm.CurrentVectorWidth;
        int threads = Threads();
        Span<int> starts = stackalloc int[RecurrentChunkPlan.MaxChunks + 1];
        int chunks = RecurrentChunkPlan.Plan(schedule, gateWidth, hidden, threads, starts);
        // ∂x̂ is kept in the input's layout (so dW_ih and ∂X are plain GEMMs with X), ∂ĥ in the packed layout of the
        // cache (so dW_hh is one with the saved h_{t−1}); they are one buffer when the layouts agree and the cell
        // gives both projections the same gradient. Both hold one block of steps at a time.
        bool shared = !TCell.SeparateHiddenGradient && layout.MatchesPacked(schedule);
        bool norms = !hiddenGradientNorms.IsEmpty;
        int blockRows = block * batch;

        var pool = ArrayPool<float>.Shared;
        float[] dxProjectionArray = pool.Rent(blockRows * gateWidth);
        float[] dhProjectionArray = shared ? dxProjectionArray : pool.Rent(blockRows * gateWidth);
        float[] packedArray = pool.Rent(Gemm.PackedBLength(hidden, gateWidth, width));
        float[] stateArray = pool.Rent(2 * batch * hidden + hidden + gateWidth);
        float[] squaresArray = norms ? pool.Rent(steps * batch) : [];
        try
        {
            Span<float> dhState = stateArray.AsSpan(0, batch * hidden);
            Span<float> dcState = stateArray.AsSpan(batch * hidden, batch * hidden);
            Span<float> biasSums = stateArray.AsSpan(2 * batch * hidden + hidden, gateWidth);
            stateArray.AsSpan(2 * batch * hidden, hidden + gateWidth).Clear();
            LoadState(hNGradient, dhState, schedule.Order, hidden);
            if (TCell.HasCellState)
            {
                LoadState(cNGradient, dcState, schedule.Order, hidden);
            }

            fixed (float* dxProjection = dxProjectionArray, dhProjection = dhProjectionArray, packed = packedArray,
                   state = stateArray, squares = squaresArray, dy = outputGradient, wHh = weights.HiddenWeights,
                   cacheH = cache.HPrevious, cacheC = cache.CPrevious, cacheSaved = cache.Saved)
            fixed (int* order = schedule.Order, active = schedule.ActiveCount, offsets = schedule.StepOffset, chunkStarts = starts)
            {
                Gemm.PackB(false, hidden, gateWidth, wHh, hidden, packed, width);
                var job = new BackwardJob
                {
                    SharedProjection = shared, PackedHiddenWeights = packed, DhState = state, DcState = state + batch * hidden,
                    OutputGradient = dy == null ? state + 2 * batch * hidden : dy + outputOffset,
                    OutputGradientStride = dy == null ? 0 : outputStride, Squares = squares,
                    CacheH = cacheH, CacheC = cacheC, CacheSaved = cacheSaved,
                    Order = order, Active = active, StepOffset = offsets, ChunkStarts = chunkStarts,
                    Steps = steps, Batch = batch, Hidden = hidden, Layout = layout, Reverse = reverse,
                    Width = width, StepGemmThreads = chunks == 1 ? Gemm.ForcedThreadCount : 1, GateThreads = chunks == 1 ? threads : 1,
                };
                // Blocks of steps in the reverse of the order forward took them; each block's weight gradients follow it.
                for (int s1 = steps; s1 > 0; s1 -= block)
                {
                    int s0 = Math.Max(0, s1 - block);
                    (int t0, int t1) = BlockSteps(s0, s1, steps, reverse);
                    int first = layout.Row(t0, 0), count = (t1 - t0) * batch;
                    int packedFirst = schedule.StepOffset[t0], packedCount = (t1 < steps ? schedule.StepOffset[t1] : schedule.PackedRows) - packedFirst;
                    if (!schedule.IsFull)
                    {
                        // Padded rows of ∂x̂ must read as zeros in the GEMMs below.
                        dxProjectionArray.AsSpan(0, count * gateWidth).Clear();
                    }
                    job.DInputProjection = dxProjection - (nint)first * gateWidth;
                    job.DHiddenProjection = dhProjection - (nint)packedFirst * gateWidth;
                    job.FirstStep = s0;
                    job.EndStep = s1;
                    GemmThreadPool.Run(chunks, threads, BackwardBody(width), &job);

                    // ∂W_hh += Σ_t ∂ĥ_tᵀ·h_{t−1}, ∂W_ih += ∂x̂ᵀ·X, ∂X = ∂x̂·W_ih, and the biases' column sums, for this block.
                    ReadOnlySpan<float> dx = dxProjectionArray.AsSpan(0, count * gateWidth);
                    ReadOnlySpan<float> dh = dhProjectionArray.AsSpan(0, packedCount * gateWidth);
                    Gemm.Multiply(true, false, gateWidth, hidden, packedCount, 1f, dh, gateWidth,
                        cache.HPrevious.AsSpan(packedFirst * hidden, packedCount * hidden), hidden, 1f, gradients.HiddenWeights, hidden);
                    Gemm.Multiply(true, false, gateWidth, inputSize, count, 1f, dx, gateWidth,
                        input.Slice(first * inputSize, count * inputSize), inputSize, 1f, gradients.InputWeights, inputSize);
                    if (TCell.SeparateHiddenGradient)
                    {
                        ColumnSums.AddTo(dx, count, gateWidth, gradients.InputBias, threads);
                        ColumnSums.AddTo(dh, packedCount, gateWidth, gradients.HiddenBias, threads);
                    }
                    else if (!gradients.InputBias.IsEmpty)
                    {
                        // ∂ĥ = ∂x̂ row for row: one pass gives both biases' gradient.
                        ColumnSums.AddTo(dx, count, gateWidth, biasSums, threads);
                    }
                    if (!inputGradient.IsEmpty)
                    {
                        Gemm.Multiply(false, false, count, inputSize, gateWidth, 1f, dx, gateWidth, weights.InputWeights, inputSize,
                            overwriteInputGradient ? 0f : 1f, inputGradient.Slice(first * inputSize, count * inputSize), inputSize);
                    }
                }
            }

            StoreState(dhState, h0Gradient, schedule.Order, hidden);
            if (TCell.HasCellState)
            {
                StoreState(dcState, c0Gradient, schedule.Order, hidden);
            }
            if (norms)
            {
                ReduceNorms(schedule, squaresArray, hiddenGradientNorms);
            }
            if (!TCell.SeparateHiddenGradient && !gradients.InputBias.IsEmpty)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(gradients.InputBias, biasSums, gradients.InputBias);
                System.Numerics.Tensors.TensorPrimitives.Add(gradients.HiddenBias, biasSums, gradients.HiddenBias);
            }
        }
        finally
        {
            pool.Return(dxProjectionArray);
            if (!shared)
            {
                pool.Return(dhProjectionArray);
            }
            pool.Return(packedArray);
            pool.Return(stateArray);
            if (norms)
            {
                pool.Return(squaresArray);
            }
        }
    }

    /// <summary>
    /// How many steps the input projection (and, in backward, the weight gradients) is computed for at once: a block
    /// of about <see cref="RecurrentChunkPlan.BlockBytes"/> of x̂ but at least <see cref="RecurrentChunkPlan.MinBlockRows"/>
    /// rows, so that x̂ is still in cache when the time loop reads it, and memory does not grow with L. Blocks need the rows of consecutive steps to be consecutive, so a
    /// batch-first layout takes the whole sequence as one block.
    /// </summary>
    private static int StepsPerBlock(RowLayout layout, SequenceSchedule schedule, int gateWidth)
    {
        if (layout.StepStride != schedule.Batch || layout.BatchStride != 1)
        {
            return schedule.Steps;
        }
        long stepBytes = (long)schedule.Batch * gateWidth * sizeof(float);
        long bySize = RecurrentChunkPlan.BlockBytes / stepBytes;
        long byRows = (RecurrentChunkPlan.MinBlockRows + schedule.Batch - 1) / schedule.Batch;
        return (int)Math.Clamp(Math.Max(bySize, byRows), 1, schedule.Steps);
    }

    /// <summary>The time steps [t0, t1) that processing steps [s0, s1) visit (reversed for the reverse direction).</summary>
    private static (int T0, int T1) BlockSteps(int s0, int s1, int steps, bool reverse)
        => reverse ? (steps - s1, steps - s0) : (s0, s1);

    /// <summary>The threads a layer may use: the GEMM's forced count (tests, benchmarks) or every processor.</summary>
    private static int Threads() => Gemm.ForcedThreadCount > 0 ? Gemm.ForcedThreadCount : Environment.ProcessorCount;

    private static delegate*<void*, int, void> ForwardBody(GemmVectorWidth width) => width switch
    {
        GemmVectorWidth.Vector512 => &ForwardChunk<Simd512, Vector512<float>>,
        GemmVectorWidth.Vector256 => &ForwardChunk<Simd256, Vector256<float>>,
        GemmVectorWidth.Vector128 => &ForwardChunk<Simd128, Vector128<float>>,
        _ => &ForwardChunk<SimdScalar, float>,
    };

    private static delegate*<void*, int, void> BackwardBody(GemmVectorWidth width) => width switch
    {
        GemmVectorWidth.Vector512 => &BackwardChunk<Simd512, Vector512<float>>,
        GemmVectorWidth.Vector256 => &BackwardChunk<Simd256, Vector256<float>>,
        GemmVectorWidth.Vector128 => &BackwardChunk<Simd128, Vector128<float>>,
        _ => &BackwardChunk<SimdScalar, float>,
    };

    /// <summary><paramref name="bias"/>, or <paramref name="zeros"/> cleared when the layer has no bias.</summary>
    private static ReadOnlySpan<float> BiasOrZeros(ReadOnlySpan<float> bias, Span<float> zeros)
    {
        if (!bias.IsEmpty)
        {
            return bias;
        }
        zeros.Clear();
        return zeros;
    }

    /// <summary>‖∂L/∂h_t‖ = √(Σ over the running rows of the per-row sums of squares), rows in schedule order.</summary>
    private static void ReduceNorms(SequenceSchedule schedule, float[] squares, Span<float> norms)
    {
        int batch = schedule.Batch;
        for (int t = 0; t < schedule.Steps; t++)
        {
            float sum = 0f;
            for (int r = 0; r < schedule.ActiveCount[t]; r++)
            {
                sum += squares[t * batch + r];
            }
            norms[t] = MathF.Sqrt(sum);
        }
    }

    /// <summary>Copies a [N, H] state from caller order into schedule order (zeros when the source is empty).</summary>
    private static void LoadState(ReadOnlySpan<float> source, Span<float> destination, int[] order, int hidden)
    {
        if (source.IsEmpty)
        {
            destination[..(order.Length * hidden)].Clear();
            return;
        }
        for (int r = 0; r < order.Length; r++)
        {
            source.Slice(order[r] * hidden, hidden).CopyTo(destination.Slice(r * hidden, hidden));
        }
    }

    /// <summary>Copies a [N, H] state from schedule order back into caller order (nothing when the destination is empty).</summary>
    private static void StoreState(ReadOnlySpan<float> source, Span<float> destination, int[] order, int hidden)
    {
        if (destination.IsEmpty)
        {
            return;
        }
        for (int r = 0; r < order.Length; r++)
        {
            source.Slice(r * hidden, hidden).CopyTo(destination.Slice(order[r] * hidden, hidden));
        }
    }
}
