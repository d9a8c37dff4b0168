using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// What a fitted normaliser applies, per slot (ML.NET's NormalizerModelParameters): an affine map
/// (<see cref="AffineNormalizerParameters"/>) or a normal CDF (<see cref="CdfNormalizerParameters"/>), with its
/// inverse to turn normalised values (for example forecasts) back into original units.
/// </summary>
/// <remarks>
/// A scalar column has one slot; a fixed-size vector column has one slot per item; a variable-length vector column
/// has one slot shared by all its items (<see cref="IsShared"/>), fitted over every item of every row.
/// </remarks>
public abstract class NormalizerParameters
{
    private protected NormalizerParameters(int slotCount, bool isShared)
    {
        SlotCount = slotCount;
        IsShared = isShared;
    }

    /// <summary>The number of slots with their own parameters.</summary>
    public int SlotCount { get; }

    /// <summary>Whether the single slot applies to every item of a variable-length vector.</summary>
    public bool IsShared { get; }

    /// <summary>Normalises one value with the parameters of <paramref name="slot"/>.</summary>
    /// <param name="value">An original value.</param>
    /// <param name="slot">0 ≤ slot &lt; <see cref="SlotCount"/> (default 0).</param>
    /// <returns>The normalised value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> out of range.</exception>
    public float Normalize(float value, int slot = 0) => NormalizeSlot(value, CheckSlot(slot));

    /// <summary>The inverse of <see cref="Normalize(float, int)"/>: the original value of a normalised one.</summary>
    /// <param name="value">A normalised value.</param>
    /// <param name="slot">0 ≤ slot &lt; <see cref="SlotCount"/> (default 0).</param>
    /// <returns>The value in original units.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> out of range.</exception>
    public float Denormalize(float value, int slot = 0) => DenormalizeSlot(value, CheckSlot(slot));

    /// <summary>
    /// Normalises <paramref name="values"/> into <paramref name="destination"/> (may be the same span): item i with
    /// slot i when there are <see cref="SlotCount"/> items, or every item with slot 0 when there is one slot.
    /// </summary>
    /// <param name="values">Original values.</param>
    /// <param name="destination">Receives as many normalised values.</param>
    /// <exception cref="ArgumentException">A length that fits neither rule, or a destination of another length.</exception>
    public void Normalize(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckSpans(values, destination);
        NormalizeSpan(values, destination);
    }

    /// <summary>The inverse of <see cref="Normalize(ReadOnlySpan{float}, Span{float})"/>, with the same slot rule (a horizon of forecasts of a scalar column uses slot 0 throughout).</summary>
    /// <param name="values">Normalised values.</param>
    /// <param name="destination">Receives as many values in original units (may be the same span).</param>
    /// <exception cref="ArgumentException">A length that fits neither rule, or a destination of another length.</exception>
    public void Denormalize(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckSpans(values, destination);
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = DenormalizeSlot(values[i], SlotCount == 1 ? 0 : i);
        }
    }

    private protected abstract float NormalizeSlot(float value, int slot);

    private protected abstract float DenormalizeSlot(float value, int slot);

    /// <summary>Normalises a span whose length was checked (override for a vectorised form).</summary>
    /// <param name="values">Original values.</param>
    /// <param name="destination">Same length.</param>
    private protected virtual void NormalizeSpan(ReadOnlySpan<float> values, Span<float> destination)
    {
        for (int i = 0; i < values.Length; i++)
        {
            destination[i] = NormalizeSlot(values[i], SlotCount == 1 ? 0 : i);
        }
    }

    /// <summary>Writes the kind, the slot layout and the per-slot tensors.</summary>
    /// <param name="context">Where to write.</param>
    internal void Save(ModelSaveContext context)
    {
        var (kind, first, second) = Tensors();
        context.Manifest["normalizer"] = kind;
        context.Manifest["isShared"] = IsShared;
        context.SaveTensors([first, second]);
    }

    /// <summary>Reads parameters written by <see cref="Save"/>.</summary>
    /// <param name="context">Where to read.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ModelFormatException">An unknown kind or tensors of different lengths.</exception>
    internal static NormalizerParameters Load(ModelLoadContext context)
    {
        string kind = context.Get<string>("normalizer");
        bool isShared = context.Get<bool>("isShared");
        (string First, string Second) names = kind switch
        {
            AffineNormalizerParameters.KindName => ("scale", "offset"),
            CdfNormalizerParameters.KindName => ("mean", "standardDeviation"),
            _ => throw new ModelFormatException(context.Path, $"field 'normalizer' must be '{AffineNormalizerParameters.KindName}' or '{CdfNormalizerParameters.KindName}', got '{kind}'."),
        };
        float[] first = context.GetTensor(names.First).ToArray();
        float[] second = context.GetTensor(names.Second).ToArray();
        if (first.Length != second.Length || first.Length == 0 || (isShared && first.Length != 1))
        {
            throw new ModelFormatException(context.Path, $"tensors '{names.First}' and '{names.Second}' must have the same length ≥ 1 (1 when shared), got {first.Length} and {second.Length}.");
        }

        return kind == AffineNormalizerParameters.KindName
            ? new AffineNormalizerParameters(first, second, isShared)
            : new CdfNormalizerParameters(first, second, isShared);
    }

    private protected abstract (string Kind, KeyValuePair<string, Tensor> First, KeyValuePair<string, Tensor> Second) Tensors();

    private int CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)SlotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"{nameof(slot)}: expected 0 … {SlotCount - 1}, got {slot}.");
        }

        return slot;
    }

    private void CheckSpans(ReadOnlySpan<float> values, Span<float> destination)
    {
        if (values.Length != SlotCount && SlotCount != 1)
        {
            throw new ArgumentException($"{nameof(values)}: expected {SlotCount} values (one per slot), got {values.Length}.", nameof(values));
        }

        if (destination.Length != values.Length)
        {
            throw new ArgumentException($"{nameof(destination)}: expected {values.Length} items, got {destination.Length}.", nameof(destination));
        }
    }
}
