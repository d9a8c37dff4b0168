using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// A normal-CDF normaliser (ML.NET's CdfNormalizerModelParameters, from <c>NormalizeMeanVariance(useCdf: true)</c>):
/// y = Φ((x − mean) / σ) ∈ [0, 1] per slot, with ML.NET's approximation
/// Φ(z) ≈ ½ + ½ · sign(z) · √(1 − exp(−(z²/2) · (4/π + a·z²/2) / (1 + a·z²/2))), a = 0.147,
/// whose exact inverse gives <see cref="NormalizerParameters.Denormalize(float, int)"/> (0 and 1 map to ∓∞).
/// A slot with σ = 0 maps every finite value to 0 and inverts to its mean.
/// </summary>
public sealed class CdfNormalizerParameters : NormalizerParameters
{
    /// <summary>The name of this kind in model files.</summary>
    internal const string KindName = "cdf";

    private const double A = 0.147;

    private readonly float[] _mean;
    private readonly float[] _standardDeviation;

    internal CdfNormalizerParameters(float[] mean, float[] standardDeviation, bool isShared)
        : base(mean.Length, isShared)
    {
        _mean = mean;
        _standardDeviation = standardDeviation;
    }

    /// <summary>The mean of each slot.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The standard deviation σ of each slot (population: √(Σ(x − mean)² / n)).</summary>
    public IReadOnlyList<float> StandardDeviation => _standardDeviation;

    private protected override float NormalizeSlot(float value, int slot)
    {
        if (_standardDeviation[slot] == 0)
        {
            return (value - _mean[slot]) * 0f;
        }

        double z = (value - _mean[slot]) / (double)_standardDeviation[slot];
        double half = z * z / 2;
        return (float)(0.5 + (0.5 * Math.Sign(z) * Math.Sqrt(1 - Math.Exp(-half * ((4 / Math.PI) + (A * half)) / (1 + (A * half))))));
    }

    private protected override float DenormalizeSlot(float value, int slot)
    {
        if (_standardDeviation[slot] == 0)
        {
            return _mean[slot];
        }

        // s = erf(z / √2); invert Winitzki's erf approximation exactly: x = sign(s)·√(√(b² − ln(1 − s²)/a) − b), b = 2/(πa) + ln(1 − s²)/2.
        double s = (2.0 * value) - 1;
        double log = Math.Log(1 - (s * s));
        double b = (2 / (Math.PI * A)) + (log / 2);
        double x = Math.Sign(s) * Math.Sqrt(Math.Sqrt((b * b) - (log / A)) - b);
        return (float)(_mean[slot] + (_standardDeviation[slot] * Math.Sqrt(2) * x));
    }

    private protected override (string, KeyValuePair<string, Tensor>, KeyValuePair<string, Tensor>) Tensors()
        => (KindName, new("mean", Tensor.FromArray(_mean)), new("standardDeviation", Tensor.FromArray(_standardDeviation)));
}
