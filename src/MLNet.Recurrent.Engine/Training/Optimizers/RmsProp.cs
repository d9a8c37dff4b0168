using System.Numerics.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// RMSprop (Hinton, 2012) with optional centring, momentum and L2 weight decay, as PyTorch's <c>torch.optim.RMSprop</c>.
/// At each update of a parameter θ with gradient g (γ learning rate, α smoothing constant, λ weight decay, μ momentum):
/// <code>
/// g_t ← g_t + λ θ_{t−1}                      if λ ≠ 0
/// v_t = α v_{t−1} + (1 − α) g_t²
/// ḡ_t = α ḡ_{t−1} + (1 − α) g_t,   ṽ_t = v_t − ḡ_t²     if centered, else ṽ_t = v_t
/// b_t = μ b_{t−1} + g_t / (√ṽ_t + ε),   θ_t = θ_{t−1} − γ b_t          if μ &gt; 0
/// θ_t = θ_{t−1} − γ g_t / (√ṽ_t + ε)                                      otherwise
/// </code>
/// State per parameter (zeros before its first update): <c>square_avg</c> v, <c>momentum_buffer</c> b (μ &gt; 0),
/// <c>grad_avg</c> ḡ (centered).
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly float _oneMinusAlpha;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The tensors to optimize: at least one; distinct, contiguous leaves that require grad (e.g. <c>module.Parameters()</c>).</param>
    /// <param name="learningRate">γ ≥ 0. Default 1e-2.</param>
    /// <param name="alpha">α ≥ 0, the smoothing constant of v. Default 0.99.</param>
    /// <param name="eps">ε ≥ 0, added to the denominator. Default 1e-8.</param>
    /// <param name="weightDecay">λ ≥ 0, the L2 penalty added to the gradient. Default 0.</param>
    /// <param name="momentum">μ ≥ 0. Default 0.</param>
    /// <param name="centered">Normalise by the estimated variance v − ḡ² instead of v. Default false.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty, holds null, a non-leaf, a tensor that does not require grad, a non-contiguous view or the same tensor twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">γ, α, ε, λ or μ is negative or not finite.</exception>
    public RmsProp(IEnumerable<Tensor> parameters, float learningRate = 1e-2f, float alpha = 0.99f, float eps = 1e-8f, float weightDecay = 0f, float momentum = 0f, bool centered = false)
        : base(parameters, learningRate, BufferNames(momentum, centered))
    {
        HyperParameter.RequireNonNegative(alpha, nameof(alpha));
        HyperParameter.RequireNonNegative(eps, nameof(eps));
        HyperParameter.RequireNonNegative(weightDecay, nameof(weightDecay));
        HyperParameter.RequireNonNegative(momentum, nameof(momentum));
        Alpha = alpha;
        Epsilon = eps;
        WeightDecay = weightDecay;
        Momentum = momentum;
        Centered = centered;
        _oneMinusAlpha = (float)(1.0 - HyperParameter.Widen(alpha));
    }

    /// <summary>α.</summary>
    public float Alpha { get; }

    /// <summary>ε.</summary>
    public float Epsilon { get; }

    /// <summary>λ.</summary>
    public float WeightDecay { get; }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <summary>Whether the centred variant is used.</summary>
    public bool Centered { get; }

    private static string[] BufferNames(float momentum, bool centered) => (momentum > 0f, centered) switch
    {
        (true, true) => ["square_avg", "momentum_buffer", "grad_avg"],
        (true, false) => ["square_avg", "momentum_buffer"],
        (false, true) => ["square_avg", "grad_avg"],
        _ => ["square_avg"],
    };

    private protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, float[][] buffers, long step)
    {
        int n = parameter.Length;
        Span<float> squareAvg = buffers[0];
        Span<float> avg = ScratchB(n);
        if (WeightDecay != 0f)
        {
            Span<float> decayed = ScratchA(n);
            TensorPrimitives.FusedMultiplyAdd(parameter, WeightDecay, gradient, decayed);   // grad.add(param, alpha=λ)
            gradient = decayed;
        }

        TensorPrimitives.Multiply(squareAvg, Alpha, squareAvg);                            // square_avg.mul_(α)
        TensorPrimitives.Multiply(gradient, _oneMinusAlpha, avg);                          //   .addcmul_(g, g, value=1−α)
        TensorPrimitives.FusedMultiplyAdd(avg, gradient, squareAvg, squareAvg);            //   = fma((1−α)·g, g, v)
        if (Centered)
        {
            Span<float> gradAvg = buffers[^1];
            TensorPrimitives.Multiply(gradAvg, Alpha, gradAvg);                            // grad_avg.mul_(α)
            TensorPrimitives.FusedMultiplyAdd(gradient, _oneMinusAlpha, gradAvg, gradAvg); //   .add_(g, alpha=1−α)
            TensorPrimitives.Negate(gradAvg, avg);                                         // square_avg.addcmul(ḡ, ḡ, value=−1)
            TensorPrimitives.FusedMultiplyAdd(avg, gradAvg, squareAvg, avg);               //   = fma(−ḡ, ḡ, v)
            TensorPrimitives.Sqrt(avg, avg);                                               //   .sqrt_()
        }
        else
        {
            TensorPrimitives.Sqrt(squareAvg, avg);                                         // square_avg.sqrt()
        }
        TensorPrimitives.Add(avg, Epsilon, avg);                                           // .add_(ε)

        if (Momentum > 0f)
        {
            Span<float> buffer = buffers[1];
            TensorPrimitives.Multiply(buffer, Momentum, buffer);                           // buf.mul_(μ)
            TensorPrimitives.Divide(gradient, avg, avg);                                   //   .addcdiv_(g, avg) = b + (1·g)/avg
            TensorPrimitives.Add(buffer, avg, buffer);
            TensorPrimitives.FusedMultiplyAdd(buffer, (float)-LearningRateValue, parameter, parameter);  // param.add_(buf, alpha=−γ)
        }
        else
        {
            Span<float> update = ScratchA(n);                                              // param.addcdiv_(g, avg, value=−γ)
            TensorPrimitives.Multiply(gradient, (float)-LearningRateValue, update);        //   = θ + ((−γ)·g)/avg
            TensorPrimitives.Divide(update, avg, update);
            TensorPrimitives.Add(parameter, update, parameter);
        }
    }

    private protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("alpha", HyperParameter.Format(Alpha)),
        new("eps", HyperParameter.Format(Epsilon)),
        new("weight_decay", HyperParameter.Format(WeightDecay)),
        new("momentum", HyperParameter.Format(Momentum)),
        new("centered", HyperParameter.Format(Centered)),
    ];
}
