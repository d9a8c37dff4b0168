namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// Where the row of time step t and sequence b lies in a layer's input and output: row t·StepStride + b·BatchStride.
/// Time-major (L, N, ·) is (N, 1); batch-first (N, L, ·) is (1, L). The kernel reads and writes either directly, so
/// batch-first tensors are never transposed.
/// </summary>
internal readonly record struct RowLayout(int StepStride, int BatchStride)
{
    /// <summary>The layout of an (L, N, ·) or, with <paramref name="batchFirst"/>, an (N, L, ·) tensor.</summary>
    public static RowLayout For(bool batchFirst, int steps, int batch) => batchFirst ? new(1, steps) : new(batch, 1);

    /// <summary>The row of step <paramref name="t"/>, sequence <paramref name="b"/>.</summary>
    public int Row(int t, int b) => t * StepStride + b * BatchStride;

    /// <summary>Whether this layout puts every row where <paramref name="schedule"/>'s packed layout does.</summary>
    public bool MatchesPacked(SequenceSchedule schedule)
        => schedule.IsFull && StepStride == schedule.Batch && (BatchStride == 1 || schedule.Batch == 1);
}
