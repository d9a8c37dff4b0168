namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Running per-slot statistics for fitting a normaliser in one pass: count, minimum, maximum, and mean and
/// M2 = Σ(x − mean)² by Welford's update, in double. Non-finite values (NaN, ±∞) are skipped.
/// </summary>
/// <param name="slotCount">The number of slots; with one slot every value goes to it.</param>
internal sealed class SlotStatistics(int slotCount)
{
    private readonly long[] _count = new long[slotCount];
    private readonly double[] _min = Enumerable.Repeat(double.PositiveInfinity, slotCount).ToArray();
    private readonly double[] _max = Enumerable.Repeat(double.NegativeInfinity, slotCount).ToArray();
    private readonly double[] _mean = new double[slotCount];
    private readonly double[] _m2 = new double[slotCount];

    /// <summary>Adds one row: item i to slot i, or every item to slot 0 when there is one slot.</summary>
    /// <param name="values">The row's items.</param>
    /// <exception cref="InvalidOperationException">Several slots but another number of items.</exception>
    public void Add(ReadOnlySpan<float> values)
    {
        if (slotCount != 1 && values.Length != slotCount)
        {
            throw new InvalidOperationException($"A row of the column being normalised has {values.Length} items; its type says {slotCount}.");
        }

        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            if (float.IsFinite(value))
            {
                int slot = slotCount == 1 ? 0 : i;
                long count = ++_count[slot];
                _min[slot] = Math.Min(_min[slot], value);
                _max[slot] = Math.Max(_max[slot], value);
                double delta = value - _mean[slot];
                _mean[slot] += delta / count;
                _m2[slot] += delta * (value - _mean[slot]);
            }
        }
    }

    /// <summary>
    /// Min-max scaling (ML.NET's): with fixZero, offset 0 and scale 1 / max(|min|, |max|) (values land in [−1, 1]);
    /// otherwise offset = min and scale = 1 / (max − min) (values land in [0, 1]). Constant slots get scale 0.
    /// </summary>
    /// <param name="fixZero">Whether 0 maps to 0.</param>
    /// <param name="isShared">Whether the single slot serves every item of a variable-length vector.</param>
    /// <returns>The parameters.</returns>
    public AffineNormalizerParameters MinMax(bool fixZero, bool isShared)
        => Affine(isShared, slot => (_max[slot] > _min[slot], fixZero ? Math.Max(Math.Abs(_min[slot]), Math.Abs(_max[slot])) : _max[slot] - _min[slot],
            fixZero ? 0 : _min[slot], _min[slot]));

    /// <summary>
    /// Mean-variance scaling (ML.NET's): with fixZero, offset 0 and scale 1 / √(σ² + mean²); otherwise offset =
    /// mean and scale = 1 / σ, where σ² = M2 / n (population variance). Constant slots get scale 0.
    /// </summary>
    /// <param name="fixZero">Whether 0 maps to 0.</param>
    /// <param name="isShared">Whether the single slot serves every item of a variable-length vector.</param>
    /// <returns>The parameters.</returns>
    public AffineNormalizerParameters MeanVariance(bool fixZero, bool isShared)
        => Affine(isShared, slot => (_m2[slot] > 0, Math.Sqrt(Variance(slot) + (fixZero ? _mean[slot] * _mean[slot] : 0)),
            fixZero ? 0 : _mean[slot], _mean[slot]));

    /// <summary>Normal-CDF scaling: each slot's mean and σ = √(M2 / n).</summary>
    /// <param name="isShared">Whether the single slot serves every item of a variable-length vector.</param>
    /// <returns>The parameters.</returns>
    public CdfNormalizerParameters Cdf(bool isShared)
        => new(_mean.Select(m => (float)m).ToArray(), Enumerable.Range(0, slotCount).Select(s => (float)Math.Sqrt(Variance(s))).ToArray(), isShared);

    private double Variance(int slot) => _count[slot] == 0 ? 0 : _m2[slot] / _count[slot];

    /// <summary>Builds affine parameters from, per slot: whether it varies, the divisor, the offset, and the constant it holds otherwise.</summary>
    private AffineNormalizerParameters Affine(bool isShared, Func<int, (bool Varies, double Divisor, double Offset, double Constant)> slotRule)
    {
        var scale = new float[slotCount];
        var offset = new float[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            var (varies, divisor, slotOffset, constant) = slotRule(slot);
            float s = varies ? (float)(1 / divisor) : 0f;
            scale[slot] = float.IsFinite(s) ? s : 0f;
            offset[slot] = _count[slot] == 0 ? 0f : (float)(varies ? slotOffset : constant);
        }

        return new AffineNormalizerParameters(scale, offset, isShared);
    }
}
