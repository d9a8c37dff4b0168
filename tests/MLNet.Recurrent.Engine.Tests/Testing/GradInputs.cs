using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>Seeded inputs for gradient checks and reference comparisons.</summary>
public static class GradInputs
{
    /// <summary>A tensor of U(low, high) samples with RequiresGrad set.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    /// <param name="shape">The shape.</param>
    /// <returns>The leaf tensor.</returns>
    public static Tensor Uniform(long seed, float low, float high, params int[] shape)
    {
        Tensor t = Tensor.Uniform(new RandomGenerator(seed), low, high, shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>A tensor of U(−1, 1) samples with RequiresGrad set.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="shape">The shape.</param>
    /// <returns>The leaf tensor.</returns>
    public static Tensor Uniform(long seed, params int[] shape) => Uniform(seed, -1f, 1f, shape);

    /// <summary>
    /// A tensor of U(−1, 1) samples pushed at least <paramref name="margin"/> away from 0 (for ReLU, Abs and other
    /// kinks at 0), with RequiresGrad set.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="margin">The smallest magnitude.</param>
    /// <param name="shape">The shape.</param>
    /// <returns>The leaf tensor.</returns>
    public static Tensor AwayFromZero(long seed, float margin, params int[] shape)
    {
        float[] values = Tensor.Uniform(new RandomGenerator(seed), -1f, 1f, shape).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.CopySign(margin + (1f - margin) * MathF.Abs(values[i]), values[i]);
        }
        Tensor t = Tensor.FromArray(values, shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>
    /// Distinct values spaced at least <paramref name="spacing"/> apart in a seeded random order (for Max, whose
    /// gradient needs no near-ties within a finite-difference step), with RequiresGrad set.
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="spacing">The gap between neighbouring values.</param>
    /// <param name="shape">The shape.</param>
    /// <returns>The leaf tensor.</returns>
    public static Tensor Distinct(long seed, float spacing, params int[] shape)
    {
        int count = ShapeText.ElementCount(shape);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (i - count / 2) * spacing;
        }
        new RandomGenerator(seed).Shuffle(values.AsSpan());
        Tensor t = Tensor.FromArray(values, shape);
        t.RequiresGrad = true;
        return t;
    }
}
