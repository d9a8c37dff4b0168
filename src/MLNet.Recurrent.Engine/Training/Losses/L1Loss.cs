using System.Numerics.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The mean absolute error between each element of the input x and the target y, as PyTorch's <c>torch.nn.L1Loss</c>:
/// <c>ℓ_i = |x_i − y_i|</c>, then <c>L = {ℓ_i}</c> (None), <c>Σᵢ ℓ_i / n</c> (Mean, the default) or <c>Σᵢ ℓ_i</c> (Sum),
/// n the number of elements.
/// </summary>
/// <remarks>
/// Shapes: input (*), target (*) the same shape, any rank; output () for Mean and Sum, (*) for None.
/// Differentiable with respect to both input (∂ℓ/∂x = sign(x − y), 0 where x = y, as PyTorch) and target
/// (∂ℓ/∂y = −sign(x − y)). Mean over an empty input is NaN (0/0), as in PyTorch.
/// </remarks>
public sealed class L1Loss : ElementwiseLoss, IDifferenceLossKernel
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined. Default <see cref="Reduction.Mean"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reduction"/> is not a defined value.</exception>
    public L1Loss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    private protected override IElementwiseLossKernel CreateKernel(Tensor input) => this;

    string IElementwiseLossKernel.GradFnName => "L1LossBackward";

    // φ(d) = |d|, φ′(d) = sign(d) with sign(0) = 0 (NaN stays NaN).
    void IDifferenceLossKernel.Value(ReadOnlySpan<float> difference, Span<float> loss)
        => TensorPrimitives.Abs(difference, loss);

    void IDifferenceLossKernel.Derivative(ReadOnlySpan<float> difference, Span<float> derivative)
    {
        for (int i = 0; i < difference.Length; i++)
        {
            float d = difference[i];
            derivative[i] = d > 0f ? 1f : d < 0f ? -1f : d * 0f;
        }
    }
}
