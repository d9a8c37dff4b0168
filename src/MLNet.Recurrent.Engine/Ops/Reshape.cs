using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The same elements, in row-major order, under a new shape. One size may be -1 and is inferred.
    /// A view of the same storage when this tensor is contiguous, else a copy.
    /// </summary>
    /// <param name="shape">The new sizes; their product must equal <see cref="Count"/>.</param>
    /// <returns>The reshaped tensor.</returns>
    /// <exception cref="TensorShapeException">The element counts differ, or more than one size is -1.</exception>
    public Tensor Reshape(params int[] shape)
    {
        int[] resolved = ResolveShape(shape);
        Tensor source = Contiguous();
        var result = new Tensor(source.Storage, source.Offset, resolved, ShapeText.ContiguousStrides(resolved), Device);
        if (GradMode.IsEnabled && source.RequiresGrad)
        {
            result.SetGradFn(new ReshapeBackward(source), 0);
        }
        return result;
    }

    private int[] ResolveShape(int[] shape)
    {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (inferred >= 0)
                {
                    ThrowHelper.Shape(nameof(shape), "at most one -1 size", shape);
                }
                inferred = i;
            }
            else if (shape[i] < 0)
            {
                ThrowHelper.Shape(nameof(shape), "non-negative sizes or a single -1", shape);
            }
            else
            {
                known *= shape[i];
            }
        }
        int[] resolved = (int[])shape.Clone();
        if (inferred >= 0)
        {
            if (known == 0 || Count % known != 0)
            {
                ThrowHelper.Shape(nameof(shape), $"sizes whose product divides {Count} (the element count of {ShapeText.Format(_shape)})", shape);
            }
            resolved[inferred] = (int)(Count / known);
        }
        else if (known != Count)
        {
            ThrowHelper.Shape(nameof(shape), $"{Count} elements (from {ShapeText.Format(_shape)})", shape);
        }
        return resolved;
    }

    private sealed class ReshapeBackward(Tensor input) : Node(input)
    {
        public override string Name => "ReshapeBackward";

        // Forward reinterpreted the row-major elements; reinterpret the gradient back to the input's shape.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0] is { } g ? g.Contiguous().Reshape(Inputs[0].ShapeArray) : null];
    }
}
