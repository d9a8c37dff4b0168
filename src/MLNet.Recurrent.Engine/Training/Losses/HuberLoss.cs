using MLNet.Recurrent.Engine.Errors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The Huber loss between each element of the input x and the target y, as PyTorch's <c>torch.nn.HuberLoss</c>:
/// squared below δ and linear above it,
/// <c>ℓ_i = ½(x_i − y_i)²</c> if |x_i − y_i| &lt; δ, else <c>δ·(|x_i − y_i| − ½δ)</c>;
/// then <c>L = {ℓ_i}</c> (None), <c>Σᵢ ℓ_i / n</c> (Mean, the default) or <c>Σᵢ ℓ_i</c> (Sum), n the number of elements.
/// </summary>
/// <remarks>
/// Shapes: input (*), target (*) the same shape, any rank; output () for Mean and Sum, (*) for None.
/// Differentiable with respect to both input (∂ℓ/∂x = clamp(x − y, −δ, δ)) and target (the negative of that).
/// With δ = 1 this equals <c>SmoothL1Loss(beta=1)</c>. Mean over an empty input is NaN (0/0), as in PyTorch.
/// </remarks>
public sealed class HuberLoss : ElementwiseLoss, IDifferenceLossKernel
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">How the per-element losses are combined. Default <see cref="Reduction.Mean"/>.</param>
    /// <param name="delta">δ &gt; 0, where the loss changes from quadratic to linear. Default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reduction"/> is not a defined value, or <paramref name="delta"/> is not a finite positive number.</exception>
    public HuberLoss(Reduction reduction = Reduction.Mean, float delta = 1f)
        : base(reduction)
    {
        if (!(delta > 0f) || !float.IsFinite(delta))
        {
            ThrowHelper.OutOfRange(nameof(delta), delta, "a finite δ > 0");
        }
        Delta = delta;
    }

    /// <summary>δ: the threshold between the quadratic and the linear part.</summary>
    public float Delta { get; }

    private protected override IElementwiseLossKernel CreateKernel(Tensor input) => this;

    string IElementwiseLossKernel.GradFnName => "HuberLossBackward";

    // φ(d) = ½d² for |d| < δ, δ(|d| − ½δ) otherwise (PyTorch's forward).
    void IDifferenceLossKernel.Value(ReadOnlySpan<float> difference, Span<float> loss)
    {
        float delta = Delta;
        for (int i = 0; i < difference.Length; i++)
        {
            float z = MathF.Abs(difference[i]);
            loss[i] = z < delta ? 0.5f * z * z : delta * (z - 0.5f * delta);
        }
    }

    // φ′(d) = −δ for d < −δ, δ for d > δ, else d (PyTorch's backward; continuous at |d| = δ).
    void IDifferenceLossKernel.Derivative(ReadOnlySpan<float> difference, Span<float> derivative)
    {
        float delta = Delta;
        for (int i = 0; i < difference.Length; i++)
        {
            float d = difference[i];
            derivative[i] = d < -delta ? -delta : d > delta ? delta : d;
        }
    }
}
