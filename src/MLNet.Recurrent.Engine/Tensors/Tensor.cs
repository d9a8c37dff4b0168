using System.Text;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>
/// A float32 n-dimensional array: shape, row-major strides, a <see cref="Tensors.Device"/>, and autograd state.
/// </summary>
/// <remarks>
/// <para>Tensors are created by the factories on this class (<see cref="Zeros"/>, <see cref="FromArray"/>,
/// <see cref="Uniform"/>, ...) and by operations. Views share storage with their source: <see cref="Transpose"/>,
/// <see cref="Permute"/>, <see cref="Narrow"/>, <see cref="Select"/>, <see cref="Squeeze()"/>, <see cref="Unsqueeze"/>,
/// <see cref="BroadcastTo"/>, and <see cref="Reshape"/> of a contiguous tensor; every other operation returns a new,
/// contiguous tensor. <see cref="FromArray"/> with no shape makes a vector; use <see cref="Scalar"/> for rank 0.</para>
/// <para>Autograd: a leaf tensor with <see cref="RequiresGrad"/> set receives <see cref="Grad"/> when
/// <see cref="Backward"/> runs on a result computed from it; gradients accumulate until <see cref="ZeroGrad"/>.
/// Results of operations on such tensors remember the function that made them, unless computed inside
/// <see cref="GradMode.NoGrad"/>.</para>
/// </remarks>
public sealed partial class Tensor
{
    private readonly int[] _shape;
    private readonly int[] _strides;
    private bool _requiresGrad;

    internal Tensor(float[] storage, int offset, int[] shape, int[] strides, Device device)
    {
        Storage = storage;
        Offset = offset;
        _shape = shape;
        _strides = strides;
        Device = device;
        Count = ShapeText.ElementCount(shape);
    }

    internal Tensor(float[] storage, int[] shape)
        : this(storage, 0, shape, ShapeText.ContiguousStrides(shape), Device.Cpu)
    {
    }

    /// <summary>The backing array (CPU storage). Element (i0, i1, ...) lives at <c>Offset + Σ i_k·stride_k</c>.</summary>
    internal float[] Storage { get; }

    /// <summary>Index of the first element in <see cref="Storage"/>.</summary>
    internal int Offset { get; }

    /// <summary>The sizes of each dimension.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The distance, in elements, between neighbours along each dimension.</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    public int Count { get; }

    /// <summary>The device that holds the storage and computes on it.</summary>
    public Device Device { get; }

    /// <summary>Whether the elements are laid out densely in row-major order.</summary>
    public bool IsContiguous
    {
        get
        {
            int expected = 1;
            for (int i = _shape.Length - 1; i >= 0; i--)
            {
                if (_shape[i] != 1 && _strides[i] != expected)
                {
                    return false;
                }
                expected *= _shape[i];
            }
            return true;
        }
    }

    /// <summary>
    /// Whether gradients are computed for this tensor. Settable only on leaves (tensors not produced by a
    /// recorded operation); results of recorded operations require grad when any input does.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-leaf tensor.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (GradFn is not null)
            {
                ThrowHelper.InvalidOperation($"RequiresGrad: can only be changed on a leaf tensor; this one was produced by {GradFn.Name}. Use Detach() first.");
            }
            _requiresGrad = value;
        }
    }

    /// <summary>Sets <see cref="RequiresGrad"/> on this leaf and returns it (PyTorch's <c>requires_grad_()</c>), for fluent set-up.</summary>
    /// <param name="requiresGrad">The new value. Default true.</param>
    /// <returns>This tensor.</returns>
    /// <exception cref="InvalidOperationException">This tensor is not a leaf.</exception>
    public Tensor RequireGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Whether this tensor is a leaf of the autograd graph (not produced by a recorded operation).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The accumulated gradient of a leaf that requires grad; null until a backward pass reaches it.</summary>
    public Tensor? Grad { get; internal set; }

    /// <summary>The recorded function that produced this tensor, or null for a leaf.</summary>
    internal Node? GradFn { get; private set; }

    /// <summary>Which output of <see cref="GradFn"/> this tensor is.</summary>
    internal int OutputIndex { get; private set; }

    internal void SetGradFn(Node node, int outputIndex)
    {
        GradFn = node;
        OutputIndex = outputIndex;
        _requiresGrad = true;
    }

    /// <summary>Clears <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>A tensor sharing this one's storage but cut from the autograd graph (a leaf that does not require grad).</summary>
    /// <returns>The detached view.</returns>
    public Tensor Detach() => new(Storage, Offset, _shape, _strides, Device);

    /// <summary>
    /// Runs reverse-mode differentiation from this tensor, accumulating ∂(Σ gradient ⊙ this)/∂leaf into the
    /// <see cref="Grad"/> of every leaf that requires grad.
    /// </summary>
    /// <param name="gradient">The upstream gradient, same shape as this tensor; may be omitted for a one-element tensor (then 1).</param>
    /// <exception cref="InvalidOperationException">This tensor does not require grad.</exception>
    /// <exception cref="TensorShapeException">The gradient's shape differs from this tensor's, or it is omitted for a tensor with more than one element.</exception>
    public void Backward(Tensor? gradient = null)
    {
        if (!RequiresGrad)
        {
            ThrowHelper.InvalidOperation("Backward: this tensor does not require grad; set RequiresGrad on a leaf it was computed from.");
        }
        if (gradient is null)
        {
            if (Count != 1)
            {
                ThrowHelper.Shape(nameof(gradient), "a gradient argument for a tensor with more than one element", _shape);
            }
            gradient = Ones(_shape);
        }
        else if (!gradient.Shape.SequenceEqual(Shape))
        {
            ThrowHelper.Shape(nameof(gradient), ShapeText.Format(Shape), gradient.Shape);
        }
        BackwardEngine.Run(this, gradient);
    }

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    /// <param name="dim">The dimension.</param>
    /// <returns>Its size.</returns>
    public int Size(int dim) => _shape[NormalizeDim(dim, nameof(dim))];

    internal int NormalizeDim(int dim, string paramName)
    {
        int rank = _shape.Length;
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank)
        {
            ThrowHelper.OutOfRange(paramName, dim, $"a dimension in [{-rank}, {rank - 1}] for a tensor of shape {ShapeText.Format(_shape)}");
        }
        return d;
    }

    internal int[] ShapeArray => _shape;

    /// <summary>The element at the given indices.</summary>
    /// <param name="indices">One index per dimension.</param>
    /// <exception cref="TensorShapeException">The number of indices differs from <see cref="Rank"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public float this[params int[] indices]
    {
        get => Storage[ElementOffset(indices)];
    }

    private int ElementOffset(int[] indices)
    {
        if (indices.Length != _shape.Length)
        {
            ThrowHelper.Shape(nameof(indices), $"{_shape.Length} indices for shape {ShapeText.Format(_shape)}", [indices.Length]);
        }
        int offset = Offset;
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)_shape[i])
            {
                ThrowHelper.OutOfRange(nameof(indices), indices[i], $"an index in [0, {_shape[i] - 1}] for dimension {i}");
            }
            offset += indices[i] * _strides[i];
        }
        return offset;
    }

    /// <summary>The value of a one-element tensor.</summary>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public float ToScalar()
    {
        if (Count != 1)
        {
            ThrowHelper.InvalidOperation($"ToScalar: expected a one-element tensor, got shape {ShapeText.Format(_shape)}.");
        }
        return Storage[Offset];
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    /// <returns>A new array of <see cref="Count"/> elements.</returns>
    public float[] ToArray()
    {
        var result = new float[Count];
        CopyTo(result);
        return result;
    }

    /// <summary>Copies the elements, in row-major order, into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Count"/> elements long.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Count)
        {
            ThrowHelper.Argument(nameof(destination), $"expected at least {Count} elements, got {destination.Length}.");
        }
        if (IsContiguous)
        {
            Storage.AsSpan(Offset, Count).CopyTo(destination);
            return;
        }
        StridedCopy.Gather(Storage, Offset, _shape, _strides, destination);
    }

    /// <summary>The elements as a span; the tensor must be contiguous.</summary>
    internal Span<float> Span
    {
        get
        {
            if (!IsContiguous)
            {
                ThrowHelper.InvalidOperation("Span: the tensor is not contiguous; call Contiguous() first.");
            }
            return Storage.AsSpan(Offset, Count);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Tensor").Append(ShapeText.Format(_shape)).Append(' ').Append(Device);
        if (RequiresGrad)
        {
            text.Append(", requires_grad");
        }
        if (GradFn is not null)
        {
            text.Append(", grad_fn=").Append(GradFn.Name);
        }
        if (Count <= 16)
        {
            text.Append(" [").Append(string.Join(", ", ToArray().Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))).Append(']');
        }
        return text.ToString();
    }
}
