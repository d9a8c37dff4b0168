namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>Formats and checks shapes: the one place that turns sizes into <c>(2, 3, 4)</c> text and counts elements.</summary>
public static class ShapeText
{
    /// <summary>Formats a shape as <c>(d0, d1, ...)</c>; a scalar is <c>()</c>.</summary>
    /// <param name="shape">The sizes.</param>
    /// <returns>The shape as text.</returns>
    public static string Format(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 1)
        {
            return $"({shape[0]},)";
        }
        return "(" + string.Join(", ", shape.ToArray()) + ")";
    }

    /// <summary>The number of elements of a shape: the product of its sizes (1 for a scalar).</summary>
    /// <param name="shape">The sizes; each must be non-negative.</param>
    /// <returns>The element count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or the product exceeds <see cref="Array.MaxLength"/>.</exception>
    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), shape[i], $"shape: expected non-negative sizes, got {Format(shape)}.");
            }
            if (shape[i] == 0)
            {
                return 0;
            }
        }
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            count *= shape[i];
            if (count > Array.MaxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), count, $"shape: {Format(shape)} holds more than {Array.MaxLength} elements.");
            }
        }
        return (int)count;
    }

    /// <summary>Row-major (C-order) strides of a shape.</summary>
    /// <param name="shape">The sizes.</param>
    /// <returns>The stride of each dimension, in elements.</returns>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= Math.Max(shape[i], 1);
        }
        return strides;
    }
}
