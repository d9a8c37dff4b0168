using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Tensors;

public class SpectralNormTests
{
    [Fact]
    public void Estimate_DiagonalMatrix_IsLargestAbsoluteEntry()
        => Assert.Equal(5f, SpectralNorm.Estimate([3, 0, 0, 0, -5, 0, 0, 0, 2], 3, 3), 5);

    [Fact]
    public void Estimate_RankOne_IsProductOfNorms()
    {
        float[] u = [1, 2, 2], v = [3, 4];
        var matrix = new float[6];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                matrix[i * 2 + j] = u[i] * v[j];
            }
        }
        Assert.Equal(15f, SpectralNorm.Estimate(matrix, 3, 2), 4);
    }

    [Fact]
    public void Estimate_ProductOfOrthogonalAndDiagonal_IsLargestSingularValue()
    {
        const int n = 12;
        var generator = new RandomGenerator(4);
        var q1 = new float[n * n];
        var q2 = new float[n * n];
        Init.Orthogonal(q1, n, generator);
        Init.Orthogonal(q2, n, generator);
        float[] singular = [.. Enumerable.Range(0, n).Select(i => 0.3f + 0.2f * i)];
        // W = Q1 · diag(s) · Q2
        var w = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += q1[i * n + k] * singular[k] * q2[k * n + j];
                }
                w[i * n + j] = (float)sum;
            }
        }
        Assert.Equal(singular.Max(), SpectralNorm.Estimate(w, n, n), 4);
    }

    [Fact]
    public void HiddenWeightSpectralNorms_OrthogonalInitGivesOnePerGate()
    {
        var lstm = new Lstm(3, 8, numLayers: 2, bidirectional: true, initialization: RecurrentInitialization.Orthogonal);
        var norms = lstm.HiddenWeightSpectralNorms();
        Assert.Equal(4, norms.Count);
        Assert.Equal((1, 1), (norms[3].Layer, norms[3].Direction));
        foreach (var entry in norms)
        {
            Assert.All(entry.PerGate, s => Assert.Equal(1f, s, 4));
            // Four stacked orthogonal blocks: ‖W‖₂ = √4 = 2.
            Assert.Equal(2f, entry.Whole, 4);
        }
    }
}
