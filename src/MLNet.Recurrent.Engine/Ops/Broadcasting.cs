using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>
/// NumPy/PyTorch broadcasting, written once for every element-wise binary operation: the broadcast shape, the one
/// strided loop that evaluates <c>y = a op b</c> over it, and <see cref="SumToShape"/>, which every backward uses to
/// fold a gradient back onto an operand that was broadcast.
/// </summary>
/// <remarks>
/// Shapes are aligned at their last dimension; missing leading sizes count as 1, and two sizes are compatible when
/// they are equal or one of them is 1, e.g. (2, 1, 4) with (3, 1) gives (2, 3, 4). The loop first drops size-1
/// dimensions and merges neighbours that are laid out back to back in both operands, so the common cases reach the
/// backend as one or a few long vector calls: equal contiguous shapes become one <c>Map(a, b)</c>, a scalar operand
/// one <c>Map(a, s)</c>, a row vector added to a matrix one <c>Map</c> per row. Only an inner dimension that is
/// strided in an operand falls back to a scalar loop.
/// </remarks>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="input"/> and <paramref name="other"/>.</summary>
    /// <exception cref="TensorShapeException">The shapes are not broadcastable; the message names <paramref name="paramName"/>.</exception>
    public static int[] BroadcastShape(ReadOnlySpan<int> input, ReadOnlySpan<int> other, string paramName)
    {
        int rank = Math.Max(input.Length, other.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int a = SizeAligned(input, i, rank);
            int b = SizeAligned(other, i, rank);
            if (a == b || b == 1)
            {
                result[i] = a;
            }
            else if (a == 1)
            {
                result[i] = b;
            }
            else
            {
                ThrowHelper.Shape(paramName, $"broadcastable with {ShapeText.Format(input)}", other);
            }
        }
        return result;
    }

    /// <summary>
    /// The strides that read <paramref name="tensor"/> as if it had <paramref name="shape"/>: 0 along the dimensions
    /// it is broadcast over (missing leading dimensions and sizes of 1).
    /// </summary>
    public static int[] StridesFor(Tensor tensor, ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int lead = shape.Length - tensor.Rank;
        for (int i = 0; i < tensor.Rank; i++)
        {
            strides[lead + i] = tensor.Shape[i] == 1 && shape[lead + i] != 1 ? 0 : tensor.Strides[i];
        }
        return strides;
    }

    /// <summary>Evaluates <c>a op b</c> with broadcasting into a new contiguous tensor (records nothing).</summary>
    /// <exception cref="TensorShapeException">The shapes are not broadcastable; the message names <paramref name="paramName"/>.</exception>
    /// <exception cref="ArgumentException">The operands live on different devices.</exception>
    public static Tensor Apply(BinaryOp op, Tensor a, Tensor b, string paramName)
    {
        CheckSameDevice(a, b, paramName);
        IComputeBackend backend = a.Device.Backend;
        if (a.Shape.SequenceEqual(b.Shape) && a.IsContiguous && b.IsContiguous)
        {
            var same = new float[a.Count];
            backend.Map(op, a.Storage.AsSpan(a.Offset, a.Count), b.Storage.AsSpan(b.Offset, b.Count), same);
            return a.WithData(same, a.ShapeArray);
        }

        int[] shape = BroadcastShape(a.Shape, b.Shape, paramName);
        var result = new float[ShapeText.ElementCount(shape)];
        if (result.Length > 0)
        {
            var (loopShape, stridesA, stridesB) = Coalesce(shape, StridesFor(a, shape), StridesFor(b, shape));
            Loop(op, backend, a.Storage, a.Offset, stridesA, b.Storage, b.Offset, stridesB, loopShape, result);
        }
        return a.WithData(result, shape);
    }

    /// <summary>
    /// Sums <paramref name="gradient"/> (shaped like a broadcast result) over the dimensions along which an operand of
    /// shape <paramref name="shape"/> was broadcast, giving a gradient of that shape. Returns the gradient itself when
    /// no dimension was broadcast.
    /// </summary>
    public static Tensor SumToShape(Tensor gradient, ReadOnlySpan<int> shape)
    {
        if (gradient.Shape.SequenceEqual(shape))
        {
            return gradient;
        }
        int lead = gradient.Rank - shape.Length;
        var dims = new List<int>(gradient.Rank);
        for (int d = 0; d < gradient.Rank; d++)
        {
            if (d < lead || (shape[d - lead] == 1 && gradient.Shape[d] != 1))
            {
                dims.Add(d);
            }
        }
        Tensor summed = dims.Count == 0 ? gradient : gradient.Sum([.. dims], keepDim: true);
        return summed.Reshape(shape.ToArray());
    }

    /// <summary>Throws unless both operands live on the same device.</summary>
    public static void CheckSameDevice(Tensor input, Tensor other, string paramName)
    {
        if (!input.Device.Equals(other.Device))
        {
            ThrowHelper.Argument(paramName, $"expected a tensor on {input.Device} like input, got one on {other.Device}.");
        }
    }

    private static int SizeAligned(ReadOnlySpan<int> shape, int i, int rank)
    {
        int j = i - (rank - shape.Length);
        return j < 0 ? 1 : shape[j];
    }

    /// <summary>
    /// Drops size-1 dimensions and merges a dimension into its outer neighbour when both operands (and the contiguous
    /// output) step through them back to back. Returns new arrays of rank at least 1 (one element: shape (1,)).
    /// </summary>
    private static (int[] Shape, int[] StridesA, int[] StridesB) Coalesce(int[] shape, int[] stridesA, int[] stridesB)
    {
        var sizes = new List<int>(shape.Length);
        var a = new List<int>(shape.Length);
        var b = new List<int>(shape.Length);
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }
            int last = sizes.Count - 1;
            if (last >= 0 && a[last] == stridesA[d] * shape[d] && b[last] == stridesB[d] * shape[d])
            {
                sizes[last] *= shape[d];
                a[last] = stridesA[d];
                b[last] = stridesB[d];
                continue;
            }
            sizes.Add(shape[d]);
            a.Add(stridesA[d]);
            b.Add(stridesB[d]);
        }
        return sizes.Count == 0 ? ([1], [0], [0]) : ([.. sizes], [.. a], [.. b]);
    }

    /// <summary>Runs the innermost dimension as one vector call per outer index, stepping offsets incrementally.</summary>
    private static void Loop(BinaryOp op, IComputeBackend backend, float[] a, int offsetA, int[] stridesA,
        float[] b, int offsetB, int[] stridesB, int[] shape, float[] result)
    {
        int outerRank = shape.Length - 1;
        int inner = shape[outerRank];
        int innerA = stridesA[outerRank];
        int innerB = stridesB[outerRank];
        Span<int> index = outerRank <= 16 ? stackalloc int[outerRank] : new int[outerRank];
        int outerCount = result.Length / inner;
        int atA = offsetA, atB = offsetB;
        for (int o = 0; o < outerCount; o++)
        {
            Inner(op, backend, a, atA, innerA, b, atB, innerB, result.AsSpan(o * inner, inner));
            for (int d = outerRank - 1; d >= 0; d--)
            {
                atA += stridesA[d];
                atB += stridesB[d];
                if (++index[d] < shape[d])
                {
                    break;
                }
                atA -= stridesA[d] * shape[d];
                atB -= stridesB[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    private static void Inner(BinaryOp op, IComputeBackend backend, float[] a, int atA, int strideA,
        float[] b, int atB, int strideB, Span<float> y)
    {
        int n = y.Length;
        if (strideA == 1 && strideB == 1)
        {
            backend.Map(op, a.AsSpan(atA, n), b.AsSpan(atB, n), y);
        }
        else if (strideA == 1 && strideB == 0)
        {
            backend.Map(op, a.AsSpan(atA, n), b[atB], y);
        }
        else if (strideA == 0 && strideB == 1 && op is BinaryOp.Add or BinaryOp.Multiply)
        {
            // Commutative: s op b = b op s exactly.
            backend.Map(op, b.AsSpan(atB, n), a[atA], y);
        }
        else
        {
            switch (op)
            {
                case BinaryOp.Add: Strided<AddOperator>(a, atA, strideA, b, atB, strideB, y); break;
                case BinaryOp.Subtract: Strided<SubtractOperator>(a, atA, strideA, b, atB, strideB, y); break;
                case BinaryOp.Multiply: Strided<MultiplyOperator>(a, atA, strideA, b, atB, strideB, y); break;
                case BinaryOp.Divide: Strided<DivideOperator>(a, atA, strideA, b, atB, strideB, y); break;
                default: throw new ArgumentOutOfRangeException(nameof(op), op, "op: unknown binary operation.");
            }
        }
    }

    private static void Strided<TOperator>(float[] a, int atA, int strideA, float[] b, int atB, int strideB, Span<float> y)
        where TOperator : struct, IScalarOperator
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = TOperator.Invoke(a[atA], b[atB]);
            atA += strideA;
            atB += strideB;
        }
    }

    private interface IScalarOperator
    {
        static abstract float Invoke(float a, float b);
    }

    private readonly struct AddOperator : IScalarOperator
    {
        public static float Invoke(float a, float b) => a + b;
    }

    private readonly struct SubtractOperator : IScalarOperator
    {
        public static float Invoke(float a, float b) => a - b;
    }

    private readonly struct MultiplyOperator : IScalarOperator
    {
        public static float Invoke(float a, float b) => a * b;
    }

    private readonly struct DivideOperator : IScalarOperator
    {
        public static float Invoke(float a, float b) => a / b;
    }
}
