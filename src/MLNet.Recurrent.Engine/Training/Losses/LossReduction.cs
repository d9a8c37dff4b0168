using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The reduction step every loss shares: forward turns per-element losses into the result tensor, backward turns the
/// result's gradient back into one upstream value per element.
/// </summary>
internal static class LossReduction
{
    /// <summary>Throws unless <paramref name="reduction"/> is a defined <see cref="Training.Reduction"/>.</summary>
    public static Reduction Validate(Reduction reduction, string paramName)
    {
        if (!Enum.IsDefined(reduction))
        {
            ThrowHelper.OutOfRange(paramName, reduction, "Reduction.None, Reduction.Mean or Reduction.Sum");
        }
        return reduction;
    }

    /// <summary>
    /// None: the losses themselves, shaped <paramref name="shape"/>; Sum: Σ ℓ_i; Mean: Σ ℓ_i / <paramref name="denominator"/>
    /// (NaN when both are 0, as in PyTorch). Sums run in double. Scalar results have rank 0.
    /// </summary>
    public static Tensor Reduce(Tensor like, float[] losses, int[] shape, Reduction reduction, double denominator)
    {
        if (reduction == Reduction.None)
        {
            return like.WithData(losses, shape);
        }
        double sum = 0;
        foreach (float loss in losses)
        {
            sum += loss;
        }
        return like.WithData([(float)(reduction == Reduction.Mean ? sum / denominator : sum)], []);
    }

    /// <summary>
    /// ∂result/∂ℓ_i times the result's gradient <paramref name="outputGradient"/>: None passes gradient i through,
    /// Sum gives every element g, Mean gives g / <paramref name="denominator"/>.
    /// </summary>
    public static float[] Upstream(Tensor outputGradient, Reduction reduction, int count, double denominator)
    {
        if (reduction == Reduction.None)
        {
            return outputGradient.ToArray();
        }
        float g = outputGradient.ToScalar();
        var upstream = new float[count];
        upstream.AsSpan().Fill(reduction == Reduction.Mean ? (float)(g / denominator) : g);
        return upstream;
    }
}
