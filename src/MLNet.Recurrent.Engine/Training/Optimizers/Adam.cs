using System.Numerics.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with optional L2 weight decay and AMSGrad, as PyTorch's <c>torch.optim.Adam</c>. At
/// the t-th update of a parameter θ with gradient g (γ learning rate, λ weight decay):
/// <code>
/// g_t ← g_t + λ θ_{t−1}                                    if λ ≠ 0   (L2 penalty, folded into the moments)
/// m_t = β₁ m_{t−1} + (1 − β₁) g_t
/// v_t = β₂ v_{t−1} + (1 − β₂) g_t²
/// v̂_t = max(v̂_{t−1}, v_t) with AMSGrad, else v̂_t = v_t
/// θ_t = θ_{t−1} − (γ / (1 − β₁ᵗ)) · m_t / (√v̂_t / √(1 − β₂ᵗ) + ε)
/// </code>
/// State per parameter: <c>exp_avg</c> m, <c>exp_avg_sq</c> v, <c>max_exp_avg_sq</c> v̂ (AMSGrad), and its own t.
/// For weight decay that does not pass through the moments, use <see cref="AdamW"/>.
/// </summary>
public sealed class Adam : AdamBase
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The tensors to optimize: at least one; distinct, contiguous leaves that require grad (e.g. <c>module.Parameters()</c>).</param>
    /// <param name="learningRate">γ ≥ 0. Default 1e-3.</param>
    /// <param name="beta1">β₁ in [0, 1). Default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1). Default 0.999.</param>
    /// <param name="eps">ε ≥ 0. Default 1e-8.</param>
    /// <param name="weightDecay">λ ≥ 0, the L2 penalty added to the gradient. Default 0.</param>
    /// <param name="amsgrad">Use AMSGrad. Default false.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty, holds null, a non-leaf, a tensor that does not require grad, a non-contiguous view or the same tensor twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">γ, ε or λ is negative or not finite; β₁ or β₂ is outside [0, 1).</exception>
    public Adam(IEnumerable<Tensor> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0f, bool amsgrad = false)
        : base(parameters, learningRate, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    private protected override void Update(Span<float> parameter, ReadOnlySpan<float> gradient, float[][] buffers, long step)
    {
        if (WeightDecay != 0f)
        {
            Span<float> decayed = ScratchA(parameter.Length);
            TensorPrimitives.FusedMultiplyAdd(parameter, WeightDecay, gradient, decayed);   // grad.add(param, alpha=λ)
            gradient = decayed;
        }
        MomentStep(parameter, gradient, buffers, step);
    }
}
