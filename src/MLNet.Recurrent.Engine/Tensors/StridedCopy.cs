namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>Copies between strided (non-contiguous) layouts and dense row-major buffers.</summary>
internal static class StridedCopy
{
    /// <summary>Reads the elements of a strided view, in row-major order, into a dense destination.</summary>
    public static void Gather(float[] source, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<float> destination)
    {
        int rank = shape.Length;
        if (rank == 0)
        {
            destination[0] = source[offset];
            return;
        }
        Span<int> index = stackalloc int[rank];
        int count = ShapeText.ElementCount(shape);
        int innerSize = shape[rank - 1];
        int innerStride = strides[rank - 1];
        int written = 0;
        while (written < count)
        {
            int at = offset;
            for (int d = 0; d < rank - 1; d++)
            {
                at += index[d] * strides[d];
            }
            for (int j = 0; j < innerSize; j++)
            {
                destination[written++] = source[at + j * innerStride];
            }
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }
                index[d] = 0;
            }
            if (innerSize == 0)
            {
                break;
            }
        }
    }
}
