using System.Numerics.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// What <see cref="Adam"/> and <see cref="AdamW"/> share: the moment estimates, their bias corrections and AMSGrad.
/// They differ only in how weight decay enters (added to the gradient, or applied to the parameter directly).
/// </summary>
/// <remarks>
/// At the t-th update of a parameter θ with gradient g (γ learning rate, ε epsilon), after the decay of the derived class:
/// <code>
/// m_t = β₁ m_{t−1} + (1 − β₁) g_t
/// v_t = β₂ v_{t−1} + (1 − β₂) g_t²
/// v̂_t = max(v̂_{t−1}, v_t) with AMSGrad, else v̂_t = v_t
/// θ_t = θ_{t−1} − (γ / (1 − β₁ᵗ)) · m_t / (√v̂_t / √(1 − β₂ᵗ) + ε)
/// </code>
/// State per parameter (zeros before its first update): <c>exp_avg</c> m, <c>exp_avg_sq</c> v, and with AMSGrad
/// <c>max_exp_avg_sq</c> v̂; t is the parameter's own update count (<c>state.{i}.step</c>).
/// </remarks>
public abstract class AdamBase : Optimizer
{
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly float _oneMinusBeta1;
    private readonly float _oneMinusBeta2;

    private protected AdamBase(IEnumerable<Tensor> parameters, float learningRate, float beta1, float beta2, float eps, float weightDecay, bool amsgrad)
        : base(parameters, learningRate, amsgrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"])
    {
        HyperParameter.RequireDecayRate(beta1, nameof(beta1));
        HyperParameter.RequireDecayRate(beta2, nameof(beta2));
        HyperParameter.RequireNonNegative(eps, nameof(eps));
        HyperParameter.RequireNonNegative(weightDecay, nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = eps;
        WeightDecay = weightDecay;
        Amsgrad = amsgrad;
        WeightDecayValue = HyperParameter.Widen(weightDecay);
        _beta1 = HyperParameter.Widen(beta1);
        _beta2 = HyperParameter.Widen(beta2);
        _oneMinusBeta1 = (float)(1.0 - _beta1);
        _oneMinusBeta2 = (float)(1.0 - _beta2);
    }

    /// <summary>β₁, the decay rate of the first moment m.</summary>
    public float Beta1 { get; }

    /// <summary>β₂, the decay rate of the second moment v.</summary>
    public float Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>λ, the weight decay.</summary>
    public float WeightDecay { get; }

    /// <summary>λ as the double PyTorch holds.</summary>
    private protected double WeightDecayValue { get; }

    /// <summary>Whether the AMSGrad variant (the running maximum v̂ of v) is used.</summary>
    public bool Amsgrad { get; }

    /// <summary>
    /// The moment updates and the parameter step shared by Adam and AdamW, with <paramref name="gradient"/> already
    /// decayed as the variant requires; it may be <see cref="Optimizer.ScratchA"/>, which this overwrites.
    /// </summary>
    private protected void MomentStep(Span<float> parameter, ReadOnlySpan<float> gradient, float[][] buffers, long step)
    {
        int n = parameter.Length;
        Span<float> expAvg = buffers[0], expAvgSq = buffers[1];
        Span<float> denom = ScratchB(n);

        TensorPrimitives.Multiply(expAvg, Beta1, expAvg);                                 // exp_avg.mul_(β₁)
        TensorPrimitives.FusedMultiplyAdd(gradient, _oneMinusBeta1, expAvg, expAvg);     //   .add_(g, alpha=1−β₁)
        TensorPrimitives.Multiply(expAvgSq, Beta2, expAvgSq);                             // exp_avg_sq.mul_(β₂)
        TensorPrimitives.Multiply(gradient, _oneMinusBeta2, denom);                       //   .addcmul_(g, g, value=1−β₂)
        TensorPrimitives.FusedMultiplyAdd(denom, gradient, expAvgSq, expAvgSq);           //   = fma((1−β₂)·g, g, v)

        ReadOnlySpan<float> second = expAvgSq;
        if (Amsgrad)
        {
            Span<float> maxExpAvgSq = buffers[2];
            TensorPrimitives.Max(maxExpAvgSq, expAvgSq, maxExpAvgSq);                    // torch.maximum(v̂, v, out=v̂)
            second = maxExpAvgSq;
        }

        double biasCorrection1 = 1.0 - Math.Pow(_beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(_beta2, step);
        double stepSize = LearningRateValue / biasCorrection1;
        TensorPrimitives.Sqrt(second, denom);                                              // denom = (v̂.sqrt()
        TensorPrimitives.Divide(denom, (float)Math.Sqrt(biasCorrection2), denom);         //   / √(1−β₂ᵗ))
        TensorPrimitives.Add(denom, Epsilon, denom);                                      //   .add_(ε)

        Span<float> update = ScratchA(n);                                                  // param.addcdiv_(m, denom, value=−step_size)
        TensorPrimitives.Multiply(expAvg, (float)-stepSize, update);                      //   = θ + ((−step_size)·m) / denom
        TensorPrimitives.Divide(update, denom, update);
        TensorPrimitives.Add(parameter, update, parameter);
    }

    private protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("beta1", HyperParameter.Format(Beta1)),
        new("beta2", HyperParameter.Format(Beta2)),
        new("eps", HyperParameter.Format(Epsilon)),
        new("weight_decay", HyperParameter.Format(WeightDecay)),
        new("amsgrad", HyperParameter.Format(Amsgrad)),
    ];
}
