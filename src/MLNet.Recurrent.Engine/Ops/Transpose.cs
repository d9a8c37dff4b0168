using MLNet.Recurrent.Engine.Autograd;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped (no copy; the result is usually not contiguous).</summary>
    /// <param name="dim0">The first dimension; negative counts from the end.</param>
    /// <param name="dim1">The second dimension; negative counts from the end.</param>
    /// <returns>The transposed view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Transpose(int dim0, int dim1)
    {
        int a = NormalizeDim(dim0, nameof(dim0));
        int b = NormalizeDim(dim1, nameof(dim1));
        int[] shape = (int[])_shape.Clone();
        int[] strides = (int[])_strides.Clone();
        (shape[a], shape[b]) = (shape[b], shape[a]);
        (strides[a], strides[b]) = (strides[b], strides[a]);
        var result = new Tensor(Storage, Offset, shape, strides, Device);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new TransposeBackward(this, a, b), 0);
        }
        return result;
    }

    /// <summary>The transpose of a rank-2 tensor (a view).</summary>
    /// <returns>The transposed view.</returns>
    public Tensor T() => Transpose(0, 1);

    private sealed class TransposeBackward(Tensor input, int dim0, int dim1) : Node(input)
    {
        public override string Name => "TransposeBackward";

        // Forward swapped dim0 and dim1; swapping them again restores the input's layout.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
            => [outputGradients[0]?.Transpose(dim0, dim1).Contiguous()];
    }
}
