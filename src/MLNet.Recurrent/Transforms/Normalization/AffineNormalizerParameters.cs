using System.Numerics.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// An affine normaliser (ML.NET's AffineNormalizerModelParameters): y = (x − offset) · scale per slot, and its
/// inverse x = y / scale + offset. A slot that was constant while fitting has scale 0 (every finite value maps to 0,
/// as in ML.NET) and keeps the constant as its offset, so the inverse returns that constant.
/// </summary>
public sealed class AffineNormalizerParameters : NormalizerParameters
{
    /// <summary>The name of this kind in model files.</summary>
    internal const string KindName = "affine";

    private readonly float[] _scale;
    private readonly float[] _offset;

    internal AffineNormalizerParameters(float[] scale, float[] offset, bool isShared)
        : base(scale.Length, isShared)
    {
        _scale = scale;
        _offset = offset;
    }

    /// <summary>The scale of each slot (≥ 0).</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>The offset of each slot (0 for every slot when fitted with <c>fixZero</c>, except constant slots).</summary>
    public IReadOnlyList<float> Offset => _offset;

    private protected override float NormalizeSlot(float value, int slot) => (value - _offset[slot]) * _scale[slot];

    private protected override float DenormalizeSlot(float value, int slot)
        => _scale[slot] == 0 ? _offset[slot] : (value / _scale[slot]) + _offset[slot];

    private protected override void NormalizeSpan(ReadOnlySpan<float> values, Span<float> destination)
    {
        if (SlotCount == 1)
        {
            TensorPrimitives.Subtract(values, _offset[0], destination);
            TensorPrimitives.Multiply(destination, _scale[0], destination);
        }
        else
        {
            TensorPrimitives.Subtract(values, _offset, destination);
            TensorPrimitives.Multiply(destination, _scale, destination);
        }
    }

    private protected override (string, KeyValuePair<string, Tensor>, KeyValuePair<string, Tensor>) Tensors()
        => (KindName, new("scale", Tensor.FromArray(_scale)), new("offset", Tensor.FromArray(_offset)));
}
