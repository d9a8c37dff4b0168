using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Base of the losses that compare an input with a float target of the same shape element by element
/// (<see cref="MseLoss"/>, <see cref="L1Loss"/>, <see cref="HuberLoss"/>, <see cref="BinaryCrossEntropyWithLogitsLoss"/>):
/// <c>ℓ_i = ℓ(x_i, y_i)</c>, then <c>L = {ℓ_i}</c> (None), <c>Σᵢ ℓ_i / n</c> (Mean) or <c>Σᵢ ℓ_i</c> (Sum), n the number of
/// elements.
/// </summary>
/// <remarks>
/// The loss is one autograd node, differentiable with respect to both input and target. Mean over an empty input is
/// NaN (0/0), as in PyTorch.
/// </remarks>
public abstract class ElementwiseLoss
{
    private protected ElementwiseLoss(Reduction reduction)
    {
        Reduction = LossReduction.Validate(reduction, nameof(reduction));
    }

    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss.</summary>
    /// <param name="input">x: (*), any shape.</param>
    /// <param name="target">y: (*), the shape of <paramref name="input"/>.</param>
    /// <returns>A scalar (rank 0) for Mean and Sum; (*) for None.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="target"/>'s shape differs from <paramref name="input"/>'s, or a weight of the loss does not broadcast to it (the message names the weight).</exception>
    /// <exception cref="ArgumentException">The tensors live on different devices.</exception>
    public Tensor Forward(Tensor input, Tensor target)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        ThrowHelper.ThrowIfNull(target, nameof(target));
        if (!target.Shape.SequenceEqual(input.Shape))
        {
            ThrowHelper.Shape(nameof(target), $"{ShapeText.Format(input.Shape)} (the input's shape)", target.Shape);
        }
        Broadcasting.CheckSameDevice(input, target, nameof(target));
        IElementwiseLossKernel kernel = CreateKernel(input);
        var losses = new float[input.Count];
        kernel.Forward(input.ContiguousValues(), target.ContiguousValues(), losses);
        Tensor result = LossReduction.Reduce(input, losses, input.ShapeArray, Reduction, input.Count);
        if (GradMode.IsEnabled && (input.RequiresGrad || target.RequiresGrad))
        {
            result.SetGradFn(new ElementwiseLossBackward(kernel, Reduction, input, target), 0);
        }
        return result;
    }

    /// <summary>The per-element function for an input of this shape (validated operands; the loss's weights broadcast to it).</summary>
    private protected abstract IElementwiseLossKernel CreateKernel(Tensor input);

    private sealed class ElementwiseLossBackward(IElementwiseLossKernel kernel, Reduction reduction, Tensor input, Tensor target)
        : Node(input, target)
    {
        public override string Name => kernel.GradFnName;

        // Forward computed ℓ_i = ℓ(x_i, y_i) and reduced them; so ∂x_i = u_i·∂ℓ/∂x and ∂y_i = u_i·∂ℓ/∂y, with u_i the
        // upstream value of element i (g_i for None, g for Sum, g/n for Mean).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            var gradients = new Tensor?[2];
            if (outputGradients[0] is not { } dy)
            {
                return gradients;
            }
            float[] upstream = LossReduction.Upstream(dy, reduction, input.Count, input.Count);
            ReadOnlySpan<float> x = input.ContiguousValues(), y = target.ContiguousValues();
            if (NeedsGrad(0))
            {
                var dx = new float[input.Count];
                kernel.InputGradient(x, y, upstream, dx);
                gradients[0] = input.WithData(dx, input.ShapeArray);
            }
            if (NeedsGrad(1))
            {
                var dt = new float[target.Count];
                kernel.TargetGradient(x, y, upstream, dt);
                gradients[1] = target.WithData(dt, target.ShapeArray);
            }
            return gradients;
        }
    }
}
