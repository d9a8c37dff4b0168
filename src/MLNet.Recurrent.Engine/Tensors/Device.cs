using MLNet.Recurrent.Engine.Kernels;
using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Engine.Tensors;

/// <summary>
/// Where a tensor lives and which backend computes on it. Every tensor carries one; operations require their
/// operands to share it. Today only <see cref="Cpu"/> exists; a CUDA backend slots in behind the same
/// <see cref="IComputeBackend"/> without touching layers.
/// </summary>
public sealed class Device : IEquatable<Device>
{
    private Device(DeviceType type, int index, IComputeBackend backend)
    {
        Type = type;
        Index = index;
        Backend = backend;
    }

    /// <summary>The host CPU, computed by the managed SIMD backend.</summary>
    public static Device Cpu { get; } = new(DeviceType.Cpu, 0, CpuBackend.Instance);

    /// <summary>The kind of device.</summary>
    public DeviceType Type { get; }

    /// <summary>The ordinal among devices of the same kind (0 for the CPU).</summary>
    public int Index { get; }

    internal IComputeBackend Backend { get; }

    /// <summary>Parses <c>"cpu"</c> (and, once a backend exists, <c>"cuda:0"</c>).</summary>
    /// <param name="name">The device name, case-insensitive.</param>
    /// <returns>The device.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    /// <exception cref="NotSupportedException">The name is a CUDA device; no CUDA backend is available in this build.</exception>
    public static Device Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim().ToLowerInvariant();
        if (trimmed == "cpu")
        {
            return Cpu;
        }
        if (trimmed.StartsWith("cuda", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"name: device '{name}' needs a CUDA backend, which this build does not include; use \"cpu\".");
        }
        throw new ArgumentException($"name: expected \"cpu\" or \"cuda[:index]\", got \"{name}\".", nameof(name));
    }

    /// <inheritdoc/>
    public bool Equals(Device? other) => other is not null && other.Type == Type && other.Index == Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Device);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Index);

    /// <inheritdoc/>
    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
