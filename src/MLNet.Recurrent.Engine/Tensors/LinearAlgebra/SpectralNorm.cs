namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>The spectral norm ‖W‖₂ = σ_max(W) of a matrix, by power iteration on WᵀW.</summary>
public static class SpectralNorm
{
    /// <summary>
    /// Estimates σ_max of a row-major <paramref name="rows"/>×<paramref name="columns"/> matrix: from a fixed start
    /// vector, v ← Wᵀ(Wv)/‖Wᵀ(Wv)‖ until σ = ‖Wv‖ changes by less than <paramref name="tolerance"/> (relative), in double.
    /// Deterministic: the same matrix always gives the same estimate.
    /// </summary>
    /// <param name="matrix">rows·columns elements, row-major.</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="columns">The number of columns.</param>
    /// <param name="maxIterations">An upper bound on iterations. Default 1000.</param>
    /// <param name="tolerance">Relative change at which to stop. Default 1e-9.</param>
    /// <returns>σ_max; 0 for a zero matrix.</returns>
    /// <exception cref="ArgumentException">The span length differs from rows·columns.</exception>
    public static float Estimate(ReadOnlySpan<float> matrix, int rows, int columns, int maxIterations = 1000, double tolerance = 1e-9)
    {
        if (rows < 1 || columns < 1 || matrix.Length != (long)rows * columns)
        {
            throw new ArgumentException($"matrix: expected {rows}×{columns} = {(long)rows * columns} elements with positive sizes, got {matrix.Length}.", nameof(matrix));
        }
        var v = new double[columns];
        var u = new double[rows];
        // A fixed, generic start vector (not orthogonal to any particular singular vector by construction).
        for (int j = 0; j < columns; j++)
        {
            v[j] = 1.0 + 0.1 * Math.Sin(j + 1);
        }
        Normalize(v);
        double sigma = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            for (int i = 0; i < rows; i++)
            {
                double sum = 0;
                ReadOnlySpan<float> row = matrix.Slice(i * columns, columns);
                for (int j = 0; j < columns; j++)
                {
                    sum += row[j] * v[j];
                }
                u[i] = sum;
            }
            double next = Norm(u);
            if (next == 0)
            {
                return 0f;
            }
            Array.Clear(v);
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<float> row = matrix.Slice(i * columns, columns);
                for (int j = 0; j < columns; j++)
                {
                    v[j] += row[j] * u[i];
                }
            }
            Normalize(v);
            bool converged = Math.Abs(next - sigma) <= tolerance * next;
            sigma = next;
            if (converged)
            {
                break;
            }
        }
        return (float)sigma;
    }

    private static double Norm(double[] x)
    {
        double sum = 0;
        foreach (double value in x)
        {
            sum += value * value;
        }
        return Math.Sqrt(sum);
    }

    private static void Normalize(double[] x)
    {
        double norm = Norm(x);
        if (norm == 0)
        {
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            x[i] /= norm;
        }
    }
}
