namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// How a layer's batch is split among threads. Sequences of a batch never interact, so a chunk of rows can run all its
/// time steps (per step: its own GEMM on h_{t−1} and its gates) on one thread with no synchronisation at all. When one
/// step's GEMM alone is large, a single chunk is used instead and each step's GEMM is split across the threads.
/// </summary>
/// <remarks>
/// Each row goes through the same operations whichever chunk it falls in (the GEMM computes every element of C the
/// same way for any m, and the gates are per element), so the split never changes the result; reductions across rows
/// (bias gradients, gradient norms) are done after the time loop in a fixed order.
/// </remarks>
internal static class RecurrentChunkPlan
{
    /// <summary>The most chunks (and threads) one layer uses.</summary>
    public const int MaxChunks = 64;

    /// <summary>
    /// Per-step GEMM work (2·N·G·H·H flops) from which one chunk with a multithreaded step GEMM is used rather than one
    /// chunk per thread: with every thread streaming all of W_hh at every step, chunks were still faster on 2 Zen 3
    /// cores at every shape of the benchmark grid (up to 68 MFLOP per step, W_hh up to 6.8 MB), so the switch is kept
    /// for W_hh far beyond the L3 cache. Tuning knob (benchmarks).
    /// </summary>
    internal static long SingleChunkStepFlops { get; set; } = 512_000_000;

    /// <summary>
    /// About how many bytes of x̂ (forward) or ∂x̂ (backward) one block of time steps holds: the input projection and
    /// the weight gradients are whole-block GEMMs, and the block stays in cache between the GEMM and the time loop
    /// (x̂ = X·W_ihᵀ with a small H_in writes far more than it reads: 68 GFLOP/s for 2048 rows, 84 for 512, one Zen 3
    /// core). Tuning knob (benchmarks, tests).
    /// </summary>
    internal static long BlockBytes { get; set; } = 1 << 20;

    /// <summary>
    /// The fewest rows (steps × N) a block has, unless the sequence is shorter, so that packing W_ih for the block's
    /// GEMM stays small against its work.
    /// </summary>
    internal static int MinBlockRows { get; set; } = 512;

    /// <summary>
    /// Fills <paramref name="starts"/>[0..chunks] with the chunk boundaries (rows of the schedule order) and returns the
    /// chunk count; boundaries are multiples of the GEMM's MR so that no chunk wastes a partial micro-tile in the
    /// middle, and balance the work Σ_t min(n_t, ·) when sequences have different lengths; without lengths, equal
    /// chunks are taken instead when they need no more micro-tiles per step.
    /// </summary>
    /// <param name="schedule">The running rows per step.</param>
    /// <param name="gateWidth">G·H.</param>
    /// <param name="hidden">H.</param>
    /// <param name="threads">The threads available (≥ 1).</param>
    /// <param name="starts">Receives the chunk boundaries; at least two elements.</param>
    /// <returns>The number of chunks.</returns>
    public static int Plan(SequenceSchedule schedule, int gateWidth, int hidden, int threads, Span<int> starts)
    {
        const int mr = GemmMicroKernel.Rows;
        int batch = schedule.Batch;
        long stepFlops = 2L * batch * gateWidth * hidden;
        int chunks = Math.Min(Math.Min(threads, batch / mr), Math.Min(MaxChunks, starts.Length - 1));
        if (chunks <= 1 || stepFlops >= SingleChunkStepFlops)
        {
            starts[0] = 0;
            starts[1] = batch;
            return 1;
        }
        long total = schedule.RowWork(batch);
        starts[0] = 0;
        int row = 0;
        for (int c = 1; c < chunks; c++)
        {
            long target = total * c / chunks;
            // The smallest multiple of MR past the previous boundary whose prefix holds at least the target work,
            // leaving at least MR rows for each later chunk.
            int limit = batch - (chunks - c) * mr;
            row = Math.Min(row + mr, limit);
            while (row + mr <= limit && schedule.RowWork(row) < target)
            {
                row += mr;
            }
            starts[c] = row;
        }
        starts[chunks] = batch;
        if (schedule.IsFull && MaxTiles(EqualSplit(batch, chunks, stackalloc int[chunks + 1])) <= MaxTiles(starts[..(chunks + 1)]))
        {
            // Equal chunks need no more micro-tiles per step than MR-aligned ones (e.g. 32 + 32 against 36 + 28 rows:
            // six tiles each way), and share the gate pass evenly.
            EqualSplit(batch, chunks, starts);
        }
        return chunks;
    }

    private static Span<int> EqualSplit(int batch, int chunks, Span<int> starts)
    {
        for (int c = 0; c <= chunks; c++)
        {
            starts[c] = batch * c / chunks;
        }
        return starts[..(chunks + 1)];
    }

    /// <summary>The most GEMM micro-tile rows (⌈rows / MR⌉) any chunk of <paramref name="starts"/> has per step.</summary>
    private static int MaxTiles(ReadOnlySpan<int> starts)
    {
        int most = 0;
        for (int c = 0; c + 1 < starts.Length; c++)
        {
            most = Math.Max(most, (starts[c + 1] - starts[c] + GemmMicroKernel.Rows - 1) / GemmMicroKernel.Rows);
        }
        return most;
    }
}
