using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Ops;

/// <summary>Ops chained the way layers and losses will chain them; the gradient of the whole must still be right.</summary>
public class CompositionTests
{
    /// <summary>
    /// One LSTM step written with ops (PyTorch gate order i, f, g, o):
    /// gates = x Wᵢₕᵀ + b_ih + h Wₕₕᵀ + b_hh; c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g); h' = σ(o) ⊙ tanh(c').
    /// </summary>
    private static Tensor[] LstmStep(Tensor[] p)
    {
        Tensor x = p[0], h = p[1], c = p[2], wIh = p[3], wHh = p[4], bIh = p[5], bHh = p[6];
        int hidden = h.Size(1);
        Tensor gates = x.MatMul(wIh.T()) + bIh + h.MatMul(wHh.T()) + bHh;
        Tensor i = gates.Narrow(1, 0, hidden).Sigmoid();
        Tensor f = gates.Narrow(1, hidden, hidden).Sigmoid();
        Tensor g = gates.Narrow(1, 2 * hidden, hidden).Tanh();
        Tensor o = gates.Narrow(1, 3 * hidden, hidden).Sigmoid();
        Tensor cNext = f * c + i * g;
        Tensor hNext = o * cNext.Tanh();
        return [hNext, cNext];
    }

    [Fact]
    public void LstmStepFromOps_BackwardMatchesFiniteDifference()
    {
        const int n = 2, inputSize = 3, hidden = 2;
        Tensor[] parameters =
        [
            GradInputs.Uniform(171, n, inputSize),
            GradInputs.Uniform(172, n, hidden),
            GradInputs.Uniform(173, n, hidden),
            GradInputs.Uniform(174, 4 * hidden, inputSize),
            GradInputs.Uniform(175, 4 * hidden, hidden),
            GradInputs.Uniform(176, 4 * hidden),
            GradInputs.Uniform(177, 4 * hidden),
        ];
        GradientCheck.Assert(LstmStep, parameters);
    }

    [Fact]
    public void UnrolledSequence_SharesWeightsAcrossSteps()
    {
        Tensor w = GradInputs.Uniform(178, 3, 3);
        Tensor x = GradInputs.Uniform(179, 4, 2, 3);   // (L, N, H)
        GradientCheck.Assert(p =>
        {
            Tensor h = Tensor.Zeros(2, 3);
            var outputs = new List<Tensor>();
            for (int t = 0; t < p[1].Size(0); t++)
            {
                h = (p[1].Select(0, t) + h.MatMul(p[0].T())).Tanh();
                outputs.Add(h);
            }
            return Tensor.Stack(outputs, 0);
        }, [w, x]);
    }

    [Fact]
    public void CrossEntropyFromOps_MatchesDefinitionAndFiniteDifference()
    {
        Tensor logits = GradInputs.Uniform(180, -2f, 2f, 4, 5);
        int[] targets = [3, 0, 4, 3];
        Func<Tensor[], Tensor> loss = p => -p[0].LogSoftmax(-1).Gather(1, targets, [4, 1]).Mean();
        float[] z = logits.ToArray();
        double expected = 0;
        for (int r = 0; r < 4; r++)
        {
            double max = z.Skip(r * 5).Take(5).Max();
            double logSum = Math.Log(z.Skip(r * 5).Take(5).Sum(v => Math.Exp(v - max))) + max;
            expected += (logSum - z[r * 5 + targets[r]]) / 4;
        }
        Assert.Equal(expected, loss([logits]).ToScalar(), 1e-5);
        GradientCheck.Assert(loss, [logits]);
    }

    [Fact]
    public void DiamondGraph_AccumulatesBothPaths()
    {
        GradientCheck.Assert(p =>
        {
            Tensor y = p[0].Tanh();
            return y * y + y.Exp() - y.Sum(0, keepDim: true);
        }, [GradInputs.Uniform(181, 3, 4)]);
    }
}
