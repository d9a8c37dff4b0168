namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The per-element function ℓ(x, y) of a loss whose input x and target y have the same shape (MSE, L1, Huber,
/// BCE with logits), on dense row-major buffers.
/// </summary>
internal interface IElementwiseLossKernel
{
    /// <summary>The autograd node's name, after PyTorch's grad_fn (e.g. "MseLossBackward").</summary>
    string GradFnName { get; }

    /// <summary>loss_i = ℓ(x_i, y_i).</summary>
    void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> loss);

    /// <summary>inputGradient_i = upstream_i · ∂ℓ/∂x (x_i, y_i).</summary>
    void InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> upstream, Span<float> inputGradient);

    /// <summary>targetGradient_i = upstream_i · ∂ℓ/∂y (x_i, y_i).</summary>
    void TargetGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> upstream, Span<float> targetGradient);
}
