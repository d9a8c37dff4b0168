namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The elements in row-major order: the storage itself when this tensor is contiguous, else a dense copy.
    /// Unlike <see cref="Contiguous"/> it never records an autograd node, so operations that differentiate
    /// with respect to <c>this</c> use it to read their operands.
    /// </summary>
    internal ReadOnlySpan<float> ContiguousValues() => IsContiguous ? Storage.AsSpan(Offset, Count) : ToArray();

    /// <summary>A new contiguous tensor over <paramref name="data"/> (taken, not copied) on this tensor's device.</summary>
    internal Tensor WithData(float[] data, int[] shape) => new(data, 0, shape, ShapeText.ContiguousStrides(shape), Device);
}
