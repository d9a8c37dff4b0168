using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Joins tensors along an existing dimension (PyTorch's <c>cat</c>), e.g. forward and reverse outputs (L, N, H)
    /// and (L, N, H) along dim −1 give (L, N, 2H).
    /// </summary>
    /// <param name="tensors">At least one tensor; all of the same rank (≥ 1), device, and sizes except along <paramref name="dim"/>.</param>
    /// <param name="dim">The dimension to join along; negative counts from the end. Default 0.</param>
    /// <returns>A new contiguous tensor whose size along <paramref name="dim"/> is the sum of the inputs' sizes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tensors"/> is empty, or a tensor lives on another device.</exception>
    /// <exception cref="TensorShapeException">A tensor is a scalar, or its rank or sizes outside <paramref name="dim"/> differ from the first.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        ThrowHelper.ThrowIfNull(tensors, nameof(tensors));
        if (tensors.Count == 0)
        {
            ThrowHelper.Argument(nameof(tensors), "expected at least one tensor, got none.");
        }
        Tensor first = tensors[0];
        ThrowHelper.ThrowIfNull(first, "tensors[0]");
        if (first.Rank == 0)
        {
            ThrowHelper.Shape("tensors[0]", "with at least one dimension to concatenate along", first.Shape);
        }
        int d = first.NormalizeDim(dim, nameof(dim));
        int total = 0;
        bool requiresGrad = false;
        for (int i = 0; i < tensors.Count; i++)
        {
            Tensor t = tensors[i];
            string name = $"tensors[{i}]";
            ThrowHelper.ThrowIfNull(t, name);
            Broadcasting.CheckSameDevice(first, t, name);
            bool matches = t.Rank == first.Rank;
            for (int k = 0; matches && k < first.Rank; k++)
            {
                matches = k == d || t._shape[k] == first._shape[k];
            }
            if (!matches)
            {
                string expected = "(" + string.Join(", ", first._shape.Select((s, k) => k == d ? "*" : s.ToString())) + ")";
                ThrowHelper.Shape(name, $"{expected} to match tensors[0] {ShapeText.Format(first._shape)} outside dimension {d}", t.Shape);
            }
            total += t._shape[d];
            requiresGrad |= t.RequiresGrad;
        }

        var (outer, _, inner) = ShapeMath.Split(first._shape, d);
        var result = new float[outer * total * inner];
        int at = 0;
        foreach (Tensor t in tensors)
        {
            int block = t._shape[d] * inner;
            ReadOnlySpan<float> values = t.ContiguousValues();
            for (int o = 0; o < outer; o++)
            {
                values.Slice(o * block, block).CopyTo(result.AsSpan(o * total * inner + at, block));
            }
            at += block;
        }
        Tensor output = first.WithData(result, ShapeMath.With(first._shape, d, total));
        if (GradMode.IsEnabled && requiresGrad)
        {
            output.SetGradFn(new ConcatBackward([.. tensors], d), 0);
        }
        return output;
    }

    private sealed class ConcatBackward(Tensor[] inputs, int dim) : Node(inputs)
    {
        public override string Name => "ConcatBackward";

        // Forward placed input i at [offset_i, offset_i + size_i) along dim, so its gradient is that slice of g.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor g = outputGradients[0]!;
            var gradients = new Tensor?[Inputs.Length];
            int start = 0;
            for (int i = 0; i < Inputs.Length; i++)
            {
                int size = Inputs[i].ShapeArray[dim];
                if (NeedsGrad(i))
                {
                    gradients[i] = g.Narrow(dim, start, size).Contiguous();
                }
                start += size;
            }
            return gradients;
        }
    }
}
