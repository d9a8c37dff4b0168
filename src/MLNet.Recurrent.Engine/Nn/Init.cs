using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>Parameter initialisers. All draw from a seeded <see cref="RandomGenerator"/>, so a seed fixes the result.</summary>
public static class Init
{
    /// <summary>Fills <paramref name="tensor"/> in place with samples from U(<paramref name="low"/>, <paramref name="high"/>), in row-major order.</summary>
    /// <param name="tensor">A contiguous tensor.</param>
    /// <param name="generator">The seeded generator.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound.</param>
    public static void Uniform(Tensor tensor, RandomGenerator generator, float low, float high)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(generator);
        Span<float> values = tensor.Span;
        float width = high - low;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + width * generator.NextSingle();
        }
    }

    /// <summary>
    /// Writes a random orthogonal <paramref name="size"/>×<paramref name="size"/> matrix (row-major) into
    /// <paramref name="destination"/>: Gram–Schmidt, in double, on a standard normal matrix, with the sign fixed so
    /// the distribution is uniform (Haar).
    /// </summary>
    /// <param name="destination">At least size² elements.</param>
    /// <param name="size">The matrix order.</param>
    /// <param name="generator">The seeded generator.</param>
    /// <param name="gain">A scale applied to the result (its spectral norm).</param>
    public static void Orthogonal(Span<float> destination, int size, RandomGenerator generator, double gain = 1.0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var q = new double[size, size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                q[i, j] = generator.NextNormal();
            }
        }
        // Modified Gram–Schmidt over rows, twice for numerical orthogonality.
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < size; i++)
            {
                for (int k = 0; k < i; k++)
                {
                    double dot = 0;
                    for (int j = 0; j < size; j++)
                    {
                        dot += q[i, j] * q[k, j];
                    }
                    for (int j = 0; j < size; j++)
                    {
                        q[i, j] -= dot * q[k, j];
                    }
                }
                double norm = 0;
                for (int j = 0; j < size; j++)
                {
                    norm += q[i, j] * q[i, j];
                }
                norm = Math.Sqrt(norm);
                for (int j = 0; j < size; j++)
                {
                    q[i, j] /= norm;
                }
            }
        }
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                destination[i * size + j] = (float)(gain * q[i, j]);
            }
        }
    }
}
