using System.Text.Json;
using System.Text.Json.Serialization;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Everything needed to resume training exactly, in one safetensors file written atomically:
/// tensors <c>model.&lt;param&gt;</c>, <c>best.&lt;param&gt;</c> (early stopping's best weights, if any) and
/// <c>optimizer.&lt;key&gt;</c>; metadata <c>format</c> = <c>mlnet-recurrent-checkpoint/1</c> and <c>trainer_state</c>,
/// a JSON object with the epoch, step, learning rate, the trainer's and every module's random generator state,
/// the schedule's state, early-stopping bookkeeping and the epoch history.
/// </summary>
internal sealed class TrainingCheckpoint
{
    public const string Format = "mlnet-recurrent-checkpoint/1";

    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public required TrainerState State { get; init; }

    public required IReadOnlyDictionary<string, Tensor> Model { get; init; }

    public IReadOnlyDictionary<string, Tensor>? Best { get; init; }

    public required TrainingState Optimizer { get; init; }

    public TrainingState? Schedule { get; init; }

    public void Write(string path)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>();
        tensors.AddRange(Model.Select(p => new KeyValuePair<string, Tensor>("model." + p.Key, p.Value)));
        if (Best is not null)
        {
            tensors.AddRange(Best.Select(p => new KeyValuePair<string, Tensor>("best." + p.Key, p.Value)));
        }
        TrainingState optimizer = Optimizer.WithPrefix("optimizer.");
        tensors.AddRange(optimizer.Tensors);
        var metadata = new Dictionary<string, string>(optimizer.Metadata, StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["trainer_state"] = JsonSerializer.Serialize(State, s_json),
        };
        if (Schedule is not null)
        {
            TrainingState schedule = Schedule.WithPrefix("schedule.");
            tensors.AddRange(schedule.Tensors);
            foreach (var (key, value) in schedule.Metadata)
            {
                metadata[key] = value;
            }
        }
        SafeTensors.Write(path, tensors, metadata);
    }

    /// <exception cref="InvalidDataException">The file is not a checkpoint of this format.</exception>
    public static TrainingCheckpoint Read(string path)
    {
        SafeTensorsFile file = SafeTensors.Read(path);
        if (!file.Metadata.TryGetValue("format", out string? format) || format != Format)
        {
            throw new InvalidDataException($"checkpoint '{path}': expected metadata format '{Format}', got '{format ?? "none"}'.");
        }
        if (!file.Metadata.TryGetValue("trainer_state", out string? stateJson))
        {
            throw new InvalidDataException($"checkpoint '{path}': expected metadata 'trainer_state', found none.");
        }
        TrainerState state;
        try
        {
            state = JsonSerializer.Deserialize<TrainerState>(stateJson, s_json)
                ?? throw new InvalidDataException($"checkpoint '{path}': 'trainer_state' is null.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"checkpoint '{path}': 'trainer_state' is not valid JSON: {error.Message}", error);
        }
        Dictionary<string, Tensor> Section(string prefix) => file.Tensors
            .Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
        var best = Section("best.");
        TrainingState schedule = TrainingState.FromFile(file, "schedule.");
        return new TrainingCheckpoint
        {
            State = state,
            Model = Section("model."),
            Best = best.Count > 0 ? best : null,
            Optimizer = TrainingState.FromFile(file, "optimizer."),
            Schedule = schedule.Metadata.Count > 0 || schedule.Tensors.Count > 0 ? schedule : null,
        };
    }
}

/// <summary>The trainer's own state in a checkpoint (serialised as JSON).</summary>
internal sealed class TrainerState
{
    public int Epoch { get; set; }

    public long Step { get; set; }

    public double LearningRate { get; set; }

    public ulong[] TrainerRandomState { get; set; } = [];

    public Dictionary<string, ulong[]> ModuleRandomStates { get; set; } = [];

    public int? BestEpoch { get; set; }

    public double? BestMetric { get; set; }

    public int EpochsWithoutImprovement { get; set; }

    public List<EpochRecord> History { get; set; } = [];
}
