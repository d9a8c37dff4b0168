using System.Numerics.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The mean squared error (squared L2 norm) between each element of the input x and the target y, as PyTorch's
/// <c>torch.nn.MSELoss</c>:
/// <c>ℓ_i = (x_i − y_i)²</c>, then <c>L = {ℓ_i}</c> (None), <c>Σᵢ ℓ_i / n</c> (Mean, the default) or <c>Σᵢ ℓ_i</c> (Sum),
/// n the number of elements.
/// </summary>
/// <remarks>
/// Shapes: input (*), target (*) the same shape, any rank; output () for Mean and Sum, (*) for None.
/// Differentiable with respect to both input (∂ℓ/∂x = 2(x − y)) and target (∂ℓ/∂y = −2(x − y)).
/// Mean over an empty input is NaN (0/0), as in PyTorch.
/// </remarks>
public sealed class MseLoss : ElementwiseLoss, IDifferenceLossKernel
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined. Default <see cref="Reduction.Mean"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reduction"/> is not a defined value.</exception>
    public MseLoss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    private protected override IElementwiseLossKernel CreateKernel(Tensor input) => this;

    string IElementwiseLossKernel.GradFnName => "MseLossBackward";

    // φ(d) = d², φ′(d) = 2d.
    void IDifferenceLossKernel.Value(ReadOnlySpan<float> difference, Span<float> loss)
        => TensorPrimitives.Multiply(difference, difference, loss);

    void IDifferenceLossKernel.Derivative(ReadOnlySpan<float> difference, Span<float> derivative)
        => TensorPrimitives.Multiply(difference, 2f, derivative);
}
