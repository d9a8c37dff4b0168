using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// In place: <c>this ← this + α·other</c> (PyTorch's <c>add_(other, alpha=α)</c>). This is how optimizers update
    /// parameters; it is not recorded by autograd.
    /// </summary>
    /// <param name="other">Same shape as this tensor.</param>
    /// <param name="alpha">The scale α. Default 1.</param>
    /// <exception cref="TensorShapeException">The shapes differ.</exception>
    /// <exception cref="InvalidOperationException">This is a leaf that requires grad and recording is on (wrap the update in <see cref="GradMode.NoGrad"/>), or it is not contiguous.</exception>
    public void AddInPlace(Tensor other, float alpha = 1f)
    {
        ThrowHelper.ThrowIfNull(other, nameof(other));
        CheckInPlace(nameof(AddInPlace));
        if (!other.Shape.SequenceEqual(Shape))
        {
            ThrowHelper.Shape(nameof(other), ShapeText.Format(Shape), other.Shape);
        }
        Span<float> target = Span;
        ReadOnlySpan<float> source = other.Contiguous().Span;
        if (alpha == 1f)
        {
            Device.Backend.Map(BinaryOp.Add, target, source, target);
            return;
        }
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = MathF.FusedMultiplyAdd(alpha, source[i], target[i]);
        }
    }

    /// <summary>In place: every element ← <paramref name="value"/>. Not recorded by autograd.</summary>
    /// <param name="value">The fill value.</param>
    /// <exception cref="InvalidOperationException">This is a leaf that requires grad and recording is on, or it is not contiguous.</exception>
    public void FillInPlace(float value)
    {
        CheckInPlace(nameof(FillInPlace));
        Span.Fill(value);
    }

    /// <summary>In place: copies the values of <paramref name="source"/> (same shape). Not recorded by autograd.</summary>
    /// <param name="source">Same shape as this tensor.</param>
    /// <exception cref="TensorShapeException">The shapes differ.</exception>
    /// <exception cref="InvalidOperationException">This is a leaf that requires grad and recording is on, or it is not contiguous.</exception>
    public void CopyFrom(Tensor source)
    {
        ThrowHelper.ThrowIfNull(source, nameof(source));
        CheckInPlace(nameof(CopyFrom));
        if (!source.Shape.SequenceEqual(Shape))
        {
            ThrowHelper.Shape(nameof(source), ShapeText.Format(Shape), source.Shape);
        }
        source.CopyTo(Span);
    }

    private void CheckInPlace(string operation)
    {
        if (GradFn is not null)
        {
            ThrowHelper.InvalidOperation($"{operation}: in-place changes to a tensor produced by {GradFn.Name} would corrupt its gradient; use a leaf.");
        }
        if (RequiresGrad && GradMode.IsEnabled)
        {
            ThrowHelper.InvalidOperation($"{operation}: a leaf that requires grad may only be changed in place inside GradMode.NoGrad().");
        }
        if (!IsContiguous)
        {
            ThrowHelper.InvalidOperation($"{operation}: the tensor is a non-contiguous view; call Contiguous() first.");
        }
    }
}
