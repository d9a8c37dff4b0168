using System.Globalization;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Checks, widens and formats the scalar settings of optimizers and schedules.
/// </summary>
/// <remarks>
/// PyTorch holds hyper-parameters as Python floats (doubles) and does its coefficient arithmetic
/// (1 − β, 1 − βᵗ, lr / (1 − β₁ᵗ), ...) in double, rounding to float32 only where a coefficient meets a tensor. The
/// public API here takes float, so <see cref="Widen"/> turns a float into the double of its shortest round-trip
/// decimal form: 0.999f (= 0.99900001287…) becomes 0.999, the double Python holds for the literal <c>0.999</c>.
/// Without it, 1 − β₂ would differ from PyTorch's by 1.3e-5 relative.
/// </remarks>
internal static class HyperParameter
{
    /// <summary>The double whose shortest decimal form is that of <paramref name="value"/> (allocation-free).</summary>
    public static double Widen(float value)
    {
        if (!float.IsFinite(value))
        {
            return value;
        }
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
        return double.Parse(text[..written], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Round-trip text of a float (<c>0.9</c>, <c>1E-08</c>, <c>Infinity</c>).</summary>
    public static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Round-trip text of a double.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Decimal text of an integer.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>Requires a finite value ≥ 0.</summary>
    public static void RequireNonNegative(float value, string paramName)
    {
        if (!(value >= 0f && float.IsFinite(value)))
        {
            ThrowHelper.OutOfRange(paramName, value, "a finite value ≥ 0");
        }
    }

    /// <summary>Requires a value in [0, 1) (a decay rate β).</summary>
    public static void RequireDecayRate(float value, string paramName)
    {
        if (!(value >= 0f && value < 1f))
        {
            ThrowHelper.OutOfRange(paramName, value, "a value in [0, 1)");
        }
    }

    /// <summary>Requires a finite value.</summary>
    public static void RequireFinite(float value, string paramName)
    {
        if (!float.IsFinite(value))
        {
            ThrowHelper.OutOfRange(paramName, value, "a finite value");
        }
    }

    /// <summary>Requires an integer ≥ <paramref name="minimum"/>.</summary>
    public static void RequireAtLeast(long value, long minimum, string paramName)
    {
        if (value < minimum)
        {
            ThrowHelper.OutOfRange(paramName, value, $"an integer ≥ {minimum}");
        }
    }
}
