using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Runs an <see cref="IElementwiseLossKernel"/> as one autograd node: shape checks, per-element losses, reduction,
/// and the backward pass to input and target.
/// </summary>
internal static class ElementwiseLoss
{
    /// <summary>Throws unless both tensors are given and <paramref name="target"/> has the input's shape.</summary>
    public static void CheckOperands(Tensor input, Tensor target)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        ThrowHelper.ThrowIfNull(target, nameof(target));
        if (!target.Shape.SequenceEqual(input.Shape))
        {
            ThrowHelper.Shape(nameof(target), $"{ShapeText.Format(input.Shape)} (the input's shape)", target.Shape);
        }
        Broadcasting.CheckSameDevice(input, target, nameof(target));
    }

    /// <summary>ℓ(input, target) element-wise, reduced; differentiable with respect to both operands.</summary>
    public static Tensor Apply(IElementwiseLossKernel kernel, Tensor input, Tensor target, Reduction reduction)
    {
        CheckOperands(input, target);
        var losses = new float[input.Count];
        kernel.Forward(input.ContiguousValues(), target.ContiguousValues(), losses);
        Tensor result = LossReduction.Reduce(input, losses, input.ShapeArray, reduction, input.Count);
        if (GradMode.IsEnabled && (input.RequiresGrad || target.RequiresGrad))
        {
            result.SetGradFn(new ElementwiseLossBackward(kernel, reduction, input, target), 0);
        }
        return result;
    }

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
