using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// A loss of the difference d = x − y alone, ℓ = φ(d): then ∂ℓ/∂x = φ′(d) and ∂ℓ/∂y = −φ′(d), so the element-wise
/// kernel follows from φ and φ′.
/// </summary>
internal interface IDifferenceLossKernel : IElementwiseLossKernel
{
    /// <summary>loss_i = φ(d_i).</summary>
    void Value(ReadOnlySpan<float> difference, Span<float> loss);

    /// <summary>derivative_i = φ′(d_i).</summary>
    void Derivative(ReadOnlySpan<float> difference, Span<float> derivative);

    void IElementwiseLossKernel.Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> loss)
    {
        TensorPrimitives.Subtract(input, target, loss);
        Value(loss, loss);
    }

    void IElementwiseLossKernel.InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> upstream, Span<float> inputGradient)
    {
        TensorPrimitives.Subtract(input, target, inputGradient);
        Derivative(inputGradient, inputGradient);
        TensorPrimitives.Multiply(inputGradient, upstream, inputGradient);
    }

    void IElementwiseLossKernel.TargetGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> upstream, Span<float> targetGradient)
    {
        InputGradient(input, target, upstream, targetGradient);
        TensorPrimitives.Negate(targetGradient, targetGradient);
    }
}
