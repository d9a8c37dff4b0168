using System.Collections.ObjectModel;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The checkpointable state of an <see cref="Optimizer"/> or a <see cref="LearningRateSchedule"/>, in the two kinds
/// of value a safetensors file holds: float32 tensors (per-parameter buffers such as <c>state.0.exp_avg</c>) and
/// string metadata (the type, hyper-parameters, counters such as <c>step_count</c>, written so that they read back
/// exactly).
/// </summary>
/// <remarks>
/// A trainer writes model weights, optimizer state and schedule state into one file by giving each part a prefix:
/// <code>
/// TrainingState optimizerState = optimizer.StateDict().WithPrefix("optimizer.");
/// TrainingState scheduleState = schedule.StateDict().WithPrefix("schedule.");
/// SafeTensors.Write(path,
///     model.StateDict().Concat(optimizerState.Tensors),
///     optimizerState.Metadata.Concat(scheduleState.Metadata).ToDictionary());
/// // ... and later
/// SafeTensorsFile file = SafeTensors.Read(path);
/// optimizer.LoadStateDict(TrainingState.FromFile(file, "optimizer."));
/// schedule.LoadStateDict(TrainingState.FromFile(file, "schedule."));
/// </code>
/// </remarks>
public sealed class TrainingState
{
    /// <summary>Creates a state from its tensors and metadata (both are copied into new read-only dictionaries).</summary>
    /// <param name="tensors">Named float32 tensors.</param>
    /// <param name="metadata">Named strings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or <paramref name="metadata"/> is null.</exception>
    public TrainingState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ThrowHelper.ThrowIfNull(tensors, nameof(tensors));
        ThrowHelper.ThrowIfNull(metadata, nameof(metadata));
        Tensors = new ReadOnlyDictionary<string, Tensor>(new Dictionary<string, Tensor>(tensors, StringComparer.Ordinal));
        Metadata = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(metadata, StringComparer.Ordinal));
    }

    /// <summary>The float32 tensors by name, e.g. <c>state.2.exp_avg_sq</c> (same shape as parameter 2).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The string values by name, e.g. <c>optimizer</c> = <c>Adam</c>, <c>lr</c> = <c>0.001</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The same state with <paramref name="prefix"/> put before every tensor and metadata name.</summary>
    /// <param name="prefix">For example <c>"optimizer."</c>.</param>
    /// <returns>A new state; the tensors are shared, not copied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prefix"/> is null.</exception>
    public TrainingState WithPrefix(string prefix)
    {
        ThrowHelper.ThrowIfNull(prefix, nameof(prefix));
        return new TrainingState(
            Tensors.ToDictionary(p => prefix + p.Key, p => p.Value, StringComparer.Ordinal),
            Metadata.ToDictionary(p => prefix + p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>
    /// The part of a larger set of tensors and metadata (such as a checkpoint file) whose names start with
    /// <paramref name="prefix"/>, with the prefix removed; names without it are left out.
    /// </summary>
    /// <param name="tensors">All tensors.</param>
    /// <param name="metadata">All metadata.</param>
    /// <param name="prefix">For example <c>"optimizer."</c>; empty selects everything.</param>
    /// <returns>A new state; the tensors are shared, not copied.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TrainingState Select(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string prefix)
    {
        ThrowHelper.ThrowIfNull(tensors, nameof(tensors));
        ThrowHelper.ThrowIfNull(metadata, nameof(metadata));
        ThrowHelper.ThrowIfNull(prefix, nameof(prefix));
        return new TrainingState(StripPrefix(tensors, prefix), StripPrefix(metadata, prefix));
    }

    /// <summary>The part of a safetensors file whose names start with <paramref name="prefix"/>, with the prefix removed.</summary>
    /// <param name="file">A file read with <see cref="SafeTensors.Read(string)"/>.</param>
    /// <param name="prefix">For example <c>"optimizer."</c>; empty selects everything.</param>
    /// <returns>A new state; the tensors are shared, not copied.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TrainingState FromFile(SafeTensorsFile file, string prefix)
    {
        ThrowHelper.ThrowIfNull(file, nameof(file));
        return Select(file.Tensors, file.Metadata, prefix);
    }

    private static Dictionary<string, T> StripPrefix<T>(IReadOnlyDictionary<string, T> values, string prefix)
        => values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
}
