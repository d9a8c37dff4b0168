using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Errors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Gradient clipping, as PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>: call between
/// <c>loss.Backward()</c> and <c>optimizer.Step()</c>. Parameters whose <see cref="Tensor.Grad"/> is null are skipped.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales all gradients together so that their joint norm is at most <paramref name="maxNorm"/>, as
    /// <c>torch.nn.utils.clip_grad_norm_</c>. The norm is taken over all gradients as if concatenated into one vector:
    /// <code>
    /// ‖g‖_p = (Σ_i ‖g_i‖_p^p)^{1/p}        ‖g‖_∞ = max_i max |g_i|
    /// c = min(maxNorm / (‖g‖ + 10⁻⁶), 1),   g_i ← c · g_i
    /// </code>
    /// computed in float32 as PyTorch does (the norm of each gradient, then the norm of those norms; c as
    /// maxNorm · 1/(‖g‖ + 10⁻⁶)). Gradients are therefore scaled whenever ‖g‖ + 10⁻⁶ &gt; maxNorm, and multiplied by 1
    /// otherwise. A NaN norm makes every gradient NaN; an infinite one zeroes the finite entries.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients to clip (e.g. <c>module.Parameters()</c>); those without a gradient are skipped.</param>
    /// <param name="maxNorm">The largest allowed norm; ≥ 0.</param>
    /// <param name="normType">p &gt; 0, or <see cref="float.PositiveInfinity"/> for the max-norm. Default 2.</param>
    /// <param name="errorIfNonfinite">Throw, without changing any gradient, when the norm is NaN or infinite. Default false (as PyTorch 1.13).</param>
    /// <returns>The joint norm of the gradients before clipping; 0 when no parameter has a gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its tensors is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is negative or NaN, or <paramref name="normType"/> is not positive.</exception>
    /// <exception cref="NotFiniteNumberException"><paramref name="errorIfNonfinite"/> is set and the norm is NaN or infinite.</exception>
    public static float ClipGradientNorm(IEnumerable<Tensor> parameters, float maxNorm, float normType = 2f, bool errorIfNonfinite = false)
    {
        if (!(maxNorm >= 0f))
        {
            ThrowHelper.OutOfRange(nameof(maxNorm), maxNorm, "a value ≥ 0");
        }
        Tensor[] grads = Gradients(parameters);
        float total = TotalNorm(grads, normType);
        if (grads.Length == 0)
        {
            return total;
        }
        if (errorIfNonfinite && !float.IsFinite(total))
        {
            throw new NotFiniteNumberException(
                $"ClipGradientNorm: the total norm of order {normType} of the gradients is {total}, so they cannot be clipped; " +
                "pass errorIfNonfinite: false to scale them by the non-finite norm anyway.", total);
        }
        float coefficient = 1f / (total + 1e-6f) * maxNorm;   // max_norm / (total + 1e-6), which torch evaluates as reciprocal · max_norm
        coefficient = MathF.Min(coefficient, 1f);              // clamp(max=1), keeping NaN
        foreach (Tensor grad in grads)
        {
            Span<float> values = grad.Span;
            TensorPrimitives.Multiply(values, coefficient, values);
        }
        return total;
    }

    /// <summary>
    /// Clamps every gradient element to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>], as
    /// <c>torch.nn.utils.clip_grad_value_</c>. NaN elements stay NaN.
    /// </summary>
    /// <param name="parameters">The parameters whose gradients to clip; those without a gradient are skipped.</param>
    /// <param name="clipValue">The bound; ≥ 0 (may be +∞).</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its tensors is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is negative or NaN.</exception>
    public static void ClipGradientValue(IEnumerable<Tensor> parameters, float clipValue)
    {
        if (!(clipValue >= 0f))
        {
            ThrowHelper.OutOfRange(nameof(clipValue), clipValue, "a value ≥ 0");
        }
        foreach (Tensor grad in Gradients(parameters))
        {
            Span<float> values = grad.Span;
            TensorPrimitives.Clamp(values, -clipValue, clipValue, values);
        }
    }

    /// <summary>
    /// The L2 norm of all gradients together, ‖g‖₂ = √(Σ_i ‖g_i‖₂²), without changing them (for diagnostics); the
    /// value <see cref="ClipGradientNorm"/> returns for p = 2.
    /// </summary>
    /// <param name="parameters">The parameters; those without a gradient are skipped.</param>
    /// <returns>The norm; 0 when no parameter has a gradient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its tensors is null.</exception>
    public static float GlobalGradientNorm(IEnumerable<Tensor> parameters) => TotalNorm(Gradients(parameters), 2f);

    /// <summary>The gradients of the parameters that have one, made contiguous in place where needed.</summary>
    private static Tensor[] Gradients(IEnumerable<Tensor> parameters)
    {
        ThrowHelper.ThrowIfNull(parameters, nameof(parameters));
        var grads = new List<Tensor>();
        foreach (Tensor parameter in parameters)
        {
            ThrowHelper.ThrowIfNull(parameter, nameof(parameters));
            if (parameter.Grad is not { } grad)
            {
                continue;
            }
            if (!grad.IsContiguous)
            {
                parameter.Grad = grad = grad.Clone();
            }
            grads.Add(grad);
        }
        return [.. grads];
    }

    /// <summary>‖g‖_p over all gradients: each gradient's norm rounded to float (as torch.norm of each), then the p-norm of those.</summary>
    private static float TotalNorm(Tensor[] grads, float normType)
    {
        if (!(normType > 0f))
        {
            ThrowHelper.OutOfRange(nameof(normType), normType, "a norm order p > 0, or +∞");
        }
        if (float.IsPositiveInfinity(normType))
        {
            float max = 0f;
            foreach (Tensor grad in grads)
            {
                float norm = grad.Count == 0 ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(grad.Span));
                max = float.IsNaN(norm) || float.IsNaN(max) ? float.NaN : MathF.Max(max, norm);
            }
            return max;
        }
        double p = normType;
        double sum = 0;
        foreach (Tensor grad in grads)
        {
            double norm = Norm(grad.Span, p);
            sum += p == 2 ? norm * norm : p == 1 ? norm : Math.Pow(norm, p);
        }
        return (float)(p == 2 ? Math.Sqrt(sum) : p == 1 ? sum : Math.Pow(sum, 1 / p));
    }

    /// <summary>‖x‖_p of one gradient, rounded to float.</summary>
    private static float Norm(ReadOnlySpan<float> values, double p)
    {
        if (p == 2)
        {
            return TensorPrimitives.Norm(values);
        }
        if (p == 1)
        {
            return TensorPrimitives.SumOfMagnitudes(values);
        }
        double sum = 0;
        foreach (float v in values)
        {
            sum += Math.Pow(Math.Abs(v), p);
        }
        return (float)Math.Pow(sum, 1 / p);
    }
}
