namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>
/// Settings of <see cref="GradientCheck"/>. The defaults suit float32 operations whose inputs are of order 1 and stay
/// farther than the step h from kinks (ReLU at 0, ties of Max); see <see cref="GradientCheck"/> for why these values.
/// </summary>
public sealed record GradientCheckOptions
{
    /// <summary>The defaults.</summary>
    public static GradientCheckOptions Default { get; } = new();

    /// <summary>The finite-difference step, relative to the element: h = Epsilon · max(1, |x|). Default 1e-2.</summary>
    public double Epsilon { get; init; } = 1e-2;

    /// <summary>The relative part of the tolerance: |analytic − numeric| ≤ AbsoluteTolerance + RelativeTolerance · |numeric|. Default 5e-3.</summary>
    public double RelativeTolerance { get; init; } = 5e-3;

    /// <summary>The absolute part of the tolerance. Default 1e-3.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-3;

    /// <summary>Seeds the upstream gradient w (and the choice of elements when sampling). Default 20240607.</summary>
    public long Seed { get; init; } = 20240607;

    /// <summary>
    /// At most this many elements of each input are perturbed, chosen at random (seeded) when the input is larger;
    /// the analytic gradient is still computed for all. Default: every element.
    /// </summary>
    public int MaxElementsPerInput { get; init; } = int.MaxValue;
}
