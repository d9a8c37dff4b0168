namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// What the forward pass of one layer and direction keeps for its backward pass, in the packed layout of its
/// <see cref="SequenceSchedule"/> (the running rows of step t at StepOffset[t] + r, schedule order). The arrays only
/// grow, so a cache reused by later calls (see RecurrentStackWorkspace) allocates nothing once it has seen its largest
/// batch; elements past the current call's rows are stale.
/// </summary>
internal sealed class RecurrentDirectionCache
{
    /// <summary>[Σ n_t, H]: h_{t−1} as fed to step t.</summary>
    public float[] HPrevious { get; private set; } = [];

    /// <summary>[Σ n_t, H]: c_{t−1} as fed to step t (LSTM; empty otherwise).</summary>
    public float[] CPrevious { get; private set; } = [];

    /// <summary>[Σ n_t, S·H]: the cell's saved activations (see <see cref="IRecurrentCell.SavedWidth"/>).</summary>
    public float[] Saved { get; private set; } = [];

    /// <summary>Makes room for <paramref name="packedRows"/> rows (contents are not preserved or cleared).</summary>
    public void Ensure(int packedRows, int hidden, int savedWidth, bool hasCellState)
    {
        HPrevious = Grow(HPrevious, packedRows * hidden);
        if (hasCellState)
        {
            CPrevious = Grow(CPrevious, packedRows * hidden);
        }
        Saved = Grow(Saved, packedRows * savedWidth * hidden);
    }

    /// <summary><paramref name="array"/> if it holds <paramref name="length"/> floats, else a new uninitialised array.</summary>
    internal static float[] Grow(float[] array, int length)
        => array.Length >= length ? array : GC.AllocateUninitializedArray<float>(length);
}
