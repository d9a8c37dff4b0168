namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// What the forward pass of one layer and direction keeps for its backward pass. All buffers are time-major
/// with batch rows in the <see cref="SequenceSchedule"/> order; at step t only rows [0, n_t) are meaningful.
/// </summary>
internal sealed class RecurrentDirectionCache
{
    public RecurrentDirectionCache(int steps, int batch, int hidden, int savedWidth, bool hasCellState)
    {
        HPrevious = new float[steps * batch * hidden];
        CPrevious = hasCellState ? new float[steps * batch * hidden] : [];
        Saved = new float[steps * batch * savedWidth * hidden];
    }

    /// <summary>[L, N, H]: h_{t−1} as fed to step t.</summary>
    public float[] HPrevious { get; }

    /// <summary>[L, N, H]: c_{t−1} as fed to step t (LSTM; empty otherwise).</summary>
    public float[] CPrevious { get; }

    /// <summary>[L, N, S·H]: the cell's saved activations (see <see cref="IRecurrentCell.SavedWidth"/>).</summary>
    public float[] Saved { get; }
}
