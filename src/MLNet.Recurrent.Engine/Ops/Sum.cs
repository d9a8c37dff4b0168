using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>The sum of all elements: <c>y = Σᵢ xᵢ</c> (0 for an empty tensor), accumulated pairwise in float.</summary>
    /// <returns>A new rank-0 (scalar) tensor.</returns>
    public Tensor Sum()
    {
        Tensor result = WithData([Device.Backend.Sum(ContiguousValues())], []);
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SumBackward(this, []), 0);
        }
        return result;
    }

    /// <summary>The sum along one dimension: <c>y[…, j, …] = Σₖ x[…, k, j, …]</c>.</summary>
    /// <param name="dim">The dimension to reduce; negative counts from the end.</param>
    /// <param name="keepDim">Whether the reduced dimension stays, with size 1 (default false: it is removed).</param>
    /// <returns>A new contiguous tensor: this shape with <paramref name="dim"/> removed, or set to 1 when <paramref name="keepDim"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public Tensor Sum(int dim, bool keepDim = false) => SumOver(ReducedDims([dim], nameof(dim)), keepDim);

    /// <summary>The sum over several dimensions at once.</summary>
    /// <param name="dims">The distinct dimensions to reduce, at least one; negative values count from the end.</param>
    /// <param name="keepDim">Whether the reduced dimensions stay, with size 1 (default false: they are removed).</param>
    /// <returns>A new contiguous tensor: this shape without <paramref name="dims"/>, or with them set to 1 when <paramref name="keepDim"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dims"/> is empty or names a dimension twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public Tensor Sum(int[] dims, bool keepDim = false) => SumOver(ReducedDims(dims, nameof(dims)), keepDim);

    private Tensor SumOver(bool[] reduced, bool keepDim)
    {
        float[] values = SumKernel(Device.Backend, ContiguousValues(), _shape, reduced);
        Tensor result = WithData(values, ReducedShape(reduced, keepDim));
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new SumBackward(this, reduced), 0);
        }
        return result;
    }

    /// <summary>Validates and normalizes reduction dimensions into a mask over this tensor's dimensions.</summary>
    private bool[] ReducedDims(int[] dims, string paramName)
    {
        ThrowHelper.ThrowIfNull(dims, paramName);
        if (dims.Length == 0)
        {
            ThrowHelper.Argument(paramName, "expected at least one dimension to reduce, got none; the overload without dimensions reduces all.");
        }
        var reduced = new bool[Rank];
        foreach (int dim in dims)
        {
            int d = NormalizeDim(dim, paramName);
            if (reduced[d])
            {
                ThrowHelper.Argument(paramName, $"expected distinct dimensions, got dimension {d} more than once in [{string.Join(", ", dims)}].");
            }
            reduced[d] = true;
        }
        return reduced;
    }

    /// <summary>This shape with the reduced dimensions removed, or kept with size 1.</summary>
    private int[] ReducedShape(bool[] reduced, bool keepDim)
    {
        var shape = new List<int>(Rank);
        for (int d = 0; d < Rank; d++)
        {
            if (!reduced[d])
            {
                shape.Add(_shape[d]);
            }
            else if (keepDim)
            {
                shape.Add(1);
            }
        }
        return [.. shape];
    }

    /// <summary>
    /// Sums a row-major buffer over the masked dimensions, one run of adjacent reduced dimensions at a time. Each run
    /// is a (outer, R, inner) problem: with inner = 1 every output is one pairwise backend sum of a row of R; otherwise
    /// R rows of length inner are added into the output row with vector adds.
    /// </summary>
    private static float[] SumKernel(IComputeBackend backend, ReadOnlySpan<float> source, int[] shape, bool[] reduced)
    {
        float[]? current = null;
        int[] currentShape = (int[])shape.Clone();
        int d = shape.Length - 1;
        while (d >= 0)
        {
            if (!reduced[d])
            {
                d--;
                continue;
            }
            int end = d;
            while (d > 0 && reduced[d - 1])
            {
                d--;
            }
            int outer = ShapeMath.Product(currentShape.AsSpan(0, d));
            int size = ShapeMath.Product(currentShape.AsSpan(d, end - d + 1));
            int inner = ShapeMath.Product(currentShape.AsSpan(end + 1));
            ReadOnlySpan<float> input = current is null ? source : current;
            var output = new float[outer * inner];
            if (inner == 1)
            {
                for (int o = 0; o < outer; o++)
                {
                    output[o] = backend.Sum(input.Slice(o * size, size));
                }
            }
            else
            {
                for (int o = 0; o < outer; o++)
                {
                    Span<float> row = output.AsSpan(o * inner, inner);
                    for (int r = 0; r < size; r++)
                    {
                        backend.Map(BinaryOp.Add, row, input.Slice((o * size + r) * inner, inner), row);
                    }
                }
            }
            for (int k = d; k <= end; k++)
            {
                currentShape[k] = 1;
            }
            current = output;
            d--;
        }
        return current ?? source.ToArray();
    }

    private sealed class SumBackward(Tensor input, bool[] reduced) : Node(input)
    {
        public override string Name => "SumBackward";

        // Forward summed over the reduced dimensions (all of them when the mask is empty), so every input element
        // receives the gradient of the sum it went into: g reshaped with those dimensions as 1, then broadcast.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor input = Inputs[0];
            Tensor g = outputGradients[0]!;
            var keptShape = new int[input.Rank];
            for (int d = 0; d < keptShape.Length; d++)
            {
                keptShape[d] = reduced.Length == 0 || reduced[d] ? 1 : input.ShapeArray[d];
            }
            return [g.Reshape(keptShape).BroadcastTo(input.ShapeArray).Contiguous()];
        }
    }
}
