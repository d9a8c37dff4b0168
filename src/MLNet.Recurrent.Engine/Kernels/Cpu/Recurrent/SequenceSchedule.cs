using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// Which sequences of a batch are still running at each time step, the way PyTorch's packed sequences see it:
/// rows are visited in order of decreasing length, so the rows active at step t are always a prefix
/// [0, n_t) of that order, and each step's GEMM covers exactly the running sequences.
/// </summary>
internal sealed class SequenceSchedule
{
    private SequenceSchedule(int steps, int batch, int[] order, int[] activeCount)
    {
        Steps = steps;
        Batch = batch;
        Order = order;
        ActiveCount = activeCount;
    }

    /// <summary>L: the padded number of time steps.</summary>
    public int Steps { get; }

    /// <summary>N: the batch size.</summary>
    public int Batch { get; }

    /// <summary>Order[r] is the batch index of the r-th longest sequence (stable for equal lengths).</summary>
    public int[] Order { get; }

    /// <summary>ActiveCount[t] = n_t: how many sequences have length &gt; t.</summary>
    public int[] ActiveCount { get; }

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
        return new SequenceSchedule(steps, batch, order, active);
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
        return new SequenceSchedule(steps, batch, order, active);
    }
}
