using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// Which sequences of a batch are still running at each time step, the way PyTorch's packed sequences see it:
/// rows are visited in order of decreasing length, so the rows active at step t are always a prefix
/// [0, n_t) of that order, and each step's GEMM covers exactly the running sequences.
/// </summary>
internal sealed class SequenceSchedule
{
    private SequenceSchedule(int steps, int batch, int[] order, int[] activeCount, bool isFull)
    {
        Steps = steps;
        Batch = batch;
        Order = order;
        ActiveCount = activeCount;
        IsFull = isFull;
        StepOffset = new int[steps];
        int offset = 0;
        for (int t = 0; t < steps; t++)
        {
            StepOffset[t] = offset;
            offset += activeCount[t];
        }
        PackedRows = offset;
    }

    /// <summary>L: the padded number of time steps.</summary>
    public int Steps { get; }

    /// <summary>N: the batch size.</summary>
    public int Batch { get; }

    /// <summary>Order[r] is the batch index of the r-th longest sequence (stable for equal lengths).</summary>
    public int[] Order { get; }

    /// <summary>ActiveCount[t] = n_t: how many sequences have length &gt; t.</summary>
    public int[] ActiveCount { get; }

    /// <summary>
    /// StepOffset[t] = n_0 + … + n_{t−1}: where step t starts in the packed layout, which stores the running rows of each
    /// step one after the other (PyTorch's PackedSequence order): row r of step t is at StepOffset[t] + r.
    /// </summary>
    public int[] StepOffset { get; }

    /// <summary>Σ_t n_t: the rows of the packed layout (L·N when every sequence runs every step).</summary>
    public int PackedRows { get; }

    /// <summary>Whether every sequence runs every step in batch order (no lengths, or all lengths L in order).</summary>
    public bool IsFull { get; }

    /// <summary>Every sequence runs all <paramref name="steps"/> steps.</summary>
    public static SequenceSchedule Full(int steps, int batch)
    {
        var order = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            order[b] = b;
        }
        var active = new int[steps];
        Array.Fill(active, batch);
        return new SequenceSchedule(steps, batch, order, active, isFull: true);
    }

    /// <summary>A schedule from per-sequence lengths, each in [1, <paramref name="steps"/>].</summary>
    /// <exception cref="ArgumentException">The number of lengths differs from the batch size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, L].</exception>
    public static SequenceSchedule FromLengths(ReadOnlySpan<int> lengths, int steps, int batch, string paramName)
    {
        if (lengths.Length != batch)
        {
            ThrowHelper.Argument(paramName, $"expected one length per sequence (N={batch}), got {lengths.Length}.");
        }
        for (int b = 0; b < batch; b++)
        {
            if (lengths[b] < 1 || lengths[b] > steps)
            {
                ThrowHelper.OutOfRange(paramName, lengths[b], $"lengths[{b}] in [1, L={steps}]");
            }
        }
        int[] order = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            order[b] = b;
        }
        int[] lengthCopy = lengths.ToArray();
        // Stable sort by decreasing length.
        Array.Sort(order, (p, q) => lengthCopy[p] != lengthCopy[q] ? lengthCopy[q].CompareTo(lengthCopy[p]) : p.CompareTo(q));
        var active = new int[steps];
        for (int t = 0; t < steps; t++)
        {
            int count = 0;
            while (count < batch && lengthCopy[order[count]] > t)
            {
                count++;
            }
            active[t] = count;
        }
        bool isFull = true;
        for (int b = 0; b < batch; b++)
        {
            isFull &= order[b] == b && lengthCopy[b] == steps;
        }
        return new SequenceSchedule(steps, batch, order, active, isFull);
    }

    /// <summary>The work of rows [0, <paramref name="rows"/>) of the schedule order: Σ_t min(n_t, rows).</summary>
    public long RowWork(int rows)
    {
        long work = 0;
        foreach (int active in ActiveCount)
        {
            work += Math.Min(active, rows);
        }
        return work;
    }
}
