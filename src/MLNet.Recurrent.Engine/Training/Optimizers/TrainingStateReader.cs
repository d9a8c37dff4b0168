using System.Globalization;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Reads a <see cref="TrainingState"/> back into an optimizer or a schedule: every value is checked before the
/// caller changes anything, every name read is remembered, and <see cref="RequireNoOthers"/> rejects names that
/// were not read. Errors are <see cref="StateDictException"/> (or <see cref="TensorShapeException"/>) naming the entry.
/// </summary>
internal sealed class TrainingStateReader
{
    /// <summary>The metadata key and value that mark a state written by this library, and its layout version.</summary>
    public const string FormatKey = "format";

    /// <summary>The current layout.</summary>
    public const string FormatValue = "mlnet-training-state/1";

    /// <summary>The metadata key holding the writer's type name (<c>Adam</c>, <c>StepLR</c>, ...).</summary>
    public const string TypeKey = "type";

    private readonly TrainingState _state;
    private readonly HashSet<string> _readTensors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readMetadata = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts reading, checking the format, that the state was written by a <paramref name="typeName"/>, and that
    /// its settings equal <paramref name="settings"/> (a checkpoint restores state, not configuration).
    /// </summary>
    public TrainingStateReader(TrainingState state, string typeName, IEnumerable<KeyValuePair<string, string>> settings)
    {
        ThrowHelper.ThrowIfNull(state, nameof(state));
        _state = state;
        Expect(FormatKey, FormatValue, "state layout");
        string writer = Text(TypeKey);
        if (writer != typeName)
        {
            throw new StateDictException(TypeKey, $"expected a state written by {typeName}, got one written by {writer}.");
        }
        foreach (var (key, value) in settings)
        {
            Expect(key, value);
        }
    }

    /// <summary>Creates the metadata every state starts with: format, type and settings.</summary>
    public static Dictionary<string, string> NewMetadata(string typeName, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = FormatValue,
            [TypeKey] = typeName,
        };
        foreach (var (key, value) in settings)
        {
            metadata[key] = value;
        }
        return metadata;
    }

    /// <summary>Whether the metadata holds <paramref name="key"/>.</summary>
    public bool Has(string key) => _state.Metadata.ContainsKey(key);

    /// <summary>A required metadata value.</summary>
    public string Text(string key)
    {
        if (!_state.Metadata.TryGetValue(key, out string? value))
        {
            throw new StateDictException(key, "missing from the metadata.");
        }
        _readMetadata.Add(key);
        return value;
    }

    /// <summary>Requires a value to equal this object's own.</summary>
    public void Expect(string key, string expected, string what = "setting")
    {
        string actual = Text(key);
        if (actual != expected)
        {
            throw new StateDictException(key, $"the {what} differs: this object has {expected}, the state has {actual}.");
        }
    }

    /// <summary>A required integer ≥ <paramref name="minimum"/>.</summary>
    public long Integer(string key, long minimum)
    {
        string text = Text(key);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < minimum)
        {
            throw new StateDictException(key, $"expected an integer ≥ {minimum}, got '{text}'.");
        }
        return value;
    }

    /// <summary>A required real number (infinities allowed, NaN not); finite and ≥ 0 when <paramref name="nonNegativeFinite"/>.</summary>
    public double Real(string key, bool nonNegativeFinite)
    {
        string text = Text(key);
        bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value);
        if (!ok || (nonNegativeFinite && !(value >= 0 && double.IsFinite(value))))
        {
            throw new StateDictException(key, $"expected {(nonNegativeFinite ? "a finite number ≥ 0" : "a number")}, got '{text}'.");
        }
        return value;
    }

    /// <summary>A required tensor of exactly <paramref name="shape"/>, as a new array.</summary>
    public float[] Tensor(string key, ReadOnlySpan<int> shape)
    {
        if (!_state.Tensors.TryGetValue(key, out Tensor? tensor))
        {
            throw new StateDictException(key, $"missing; expected a tensor of shape {ShapeText.Format(shape)}.");
        }
        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new TensorShapeException($"state['{key}']", ShapeText.Format(shape), ShapeText.Format(tensor.Shape));
        }
        _readTensors.Add(key);
        return tensor.ToArray();
    }

    /// <summary>Rejects tensors and metadata that were not read (a state of another configuration).</summary>
    public void RequireNoOthers()
    {
        foreach (string key in _state.Tensors.Keys)
        {
            if (!_readTensors.Contains(key))
            {
                throw new StateDictException(key, "unexpected tensor; this object's state has no such entry.");
            }
        }
        foreach (string key in _state.Metadata.Keys)
        {
            if (!_readMetadata.Contains(key))
            {
                throw new StateDictException(key, "unexpected metadata; this object's state has no such entry.");
            }
        }
    }
}
