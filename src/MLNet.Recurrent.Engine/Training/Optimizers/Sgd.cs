using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Errors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, as PyTorch's
/// <c>torch.optim.SGD</c>. At the t-th update of a parameter θ with gradient g (γ learning rate, λ weight decay,
/// μ momentum, τ dampening):
/// <code>
/// g_t ← g_t + λ θ_{t−1}                       if λ ≠ 0
/// b_t ← g_t                                    if μ ≠ 0 and t = 1   (no dampening on the first step)
/// b_t ← μ b_{t−1} + (1 − τ) g_t                if μ ≠ 0 and t &gt; 1
/// g_t ← g_t + μ b_t   if Nesterov,   else  g_t ← b_t                if μ ≠ 0
/// θ_t ← θ_{t−1} − γ g_t
/// </code>
/// State per parameter (created at its first update): <c>momentum_buffer</c> b when μ ≠ 0.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float _oneMinusDampening;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The tensors to optimize: at least one; distinct, contiguous leaves that require grad (e.g. <c>module.Parameters()</c>).</param>
    /// <param name="learningRate">γ ≥ 0.</param>
    /// <param name="momentum">μ ≥ 0. Default 0 (plain SGD).</param>
    /// <param name="dampening">τ, finite. Default 0.</param>
    /// <param name="weightDecay">λ ≥ 0, the L2 penalty added to the gradient. Default 0.</param>
    /// <param name="nesterov">Nesterov momentum; requires μ &gt; 0 and τ = 0. Default false.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty, holds null, a non-leaf, a tensor that does not require grad, a non-contiguous view or the same tensor twice; or Nesterov is asked for without momentum or with dampening.</exception>
    /// <exception cref="ArgumentOutOfRangeException">γ, μ or λ is negative or not finite; τ is not finite.</exception>
    public Sgd(IEnumerable<Tensor> parameters, float learningRate, float momentum = 0f, float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
        : base(parameters, learningRate, momentum != 0f ? ["momentum_buffer"] : [])
    {
        HyperParameter.RequireNonNegative(momentum, nameof(momentum));
        HyperParameter.RequireFinite(dampening, nameof(dampening));
        HyperParameter.RequireNonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum <= 0f || dampening != 0f))
        {
            ThrowHelper.Argument(nameof(nesterov), $"Nesterov momentum requires momentum > 0 and dampening = 0, got momentum {momentum} and dampening {dampening}.");
        }
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _oneMinusDampening = (float)(1.0 - HyperParameter.Widen(dampening));
    }

    /// <summary>μ.</summary>
    public float Momentum { get; }

    /// <summary>τ.</summary>
    public float Dampening { get; }

    /// <summary>λ.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    private protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, float[][] buffers, long step)
    {
        int n = parameter.Length;
        ReadOnlySpan<float> direction = gradient;
        if (WeightDecay != 0f)
        {
            Span<float> decayed = ScratchA(n);
            TensorPrimitives.FusedMultiplyAdd(parameter, WeightDecay, gradient, decayed);   // d_p.add(param, alpha=λ)
            direction = decayed;
        }
        if (Momentum != 0f)
        {
            Span<float> buffer = buffers[0];
            if (step == 1)
            {
                direction.CopyTo(buffer);                                                      // buf = clone(d_p)
            }
            else
            {
                TensorPrimitives.Multiply(buffer, Momentum, buffer);                           // buf.mul_(μ)
                TensorPrimitives.FusedMultiplyAdd(direction, _oneMinusDampening, buffer, buffer);   // .add_(d_p, alpha=1−τ)
            }
            if (Nesterov)
            {
                Span<float> ahead = ScratchA(n);
                TensorPrimitives.FusedMultiplyAdd(buffer, Momentum, direction, ahead);         // d_p.add(buf, alpha=μ)
                direction = ahead;
            }
            else
            {
                direction = buffer;
            }
        }
        TensorPrimitives.FusedMultiplyAdd(direction, (float)-LearningRateValue, parameter, parameter);  // param.add_(d_p, alpha=−γ)
    }

    private protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("momentum", HyperParameter.Format(Momentum)),
        new("dampening", HyperParameter.Format(Dampening)),
        new("weight_decay", HyperParameter.Format(WeightDecay)),
        new("nesterov", HyperParameter.Format(Nesterov)),
    ];
}
