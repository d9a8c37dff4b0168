namespace MLNet.Recurrent.Samples.ExplodingGradients;

/// <summary>One training run of an <see cref="ExplodingGradientsExperiment"/>.</summary>
/// <param name="Clipped">Whether the global gradient norm was clipped.</param>
/// <param name="Losses">The training loss of every completed optimizer step.</param>
/// <param name="GradientNorms">The global gradient norm (before clipping) of every completed step.</param>
/// <param name="LossAboveBoundStep">The first (1-based) step whose training loss exceeded <see cref="ExplodingGradientsOptions.DivergenceLoss"/>, or null.</param>
/// <param name="NonFiniteStep">The step at which the trainer met a NaN or infinite loss or gradient norm and stopped (<see cref="Engine.Training.NonFiniteLossException"/>), or null.</param>
/// <param name="NonFinite">What was not finite ("loss NaN", "gradient norm ∞", ...), or null.</param>
/// <param name="TestMse">The test MSE of the weights the run ended with (after a NaN or infinity: the last finite ones).</param>
public sealed record ExplodingRunResult(bool Clipped, IReadOnlyList<double> Losses, IReadOnlyList<double> GradientNorms,
    long? LossAboveBoundStep, long? NonFiniteStep, string? NonFinite, double TestMse)
{
    /// <summary>Whether the run diverged: a NaN or infinite loss or gradient, or a loss above the bound.</summary>
    public bool Diverged => LossAboveBoundStep is not null || NonFiniteStep is not null;

    /// <summary>The number of completed optimizer steps.</summary>
    public int Steps => Losses.Count;

    /// <summary>The largest gradient norm of the run.</summary>
    public double MaxGradientNorm => GradientNorms.Count == 0 ? double.NaN : GradientNorms.Max();

    /// <summary>The median gradient norm of the run.</summary>
    public double MedianGradientNorm => Median(GradientNorms);

    /// <summary>The mean training loss of the first tenth of the run's steps (at least one step).</summary>
    public double EarlyLoss => Losses.Count == 0 ? double.NaN : Losses.Take(Window).Average();

    /// <summary>The mean training loss of the last tenth of the run's steps (at least one step).</summary>
    public double LateLoss => Losses.Count == 0 ? double.NaN : Losses.TakeLast(Window).Average();

    private int Window => Math.Max(1, Losses.Count / 10);

    private static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
