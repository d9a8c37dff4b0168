using System.Text.Json;
using MLNet.Recurrent.Engine.Training;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// How a recurrent estimator's training went: one record per epoch (mean training loss, validation metrics,
/// steps, seconds, learning rate), why it stopped, the best validation epoch, and — for the fitted transformer only,
/// not saved with the model — the gradient norm of every step and any diagnostics requested with
/// <see cref="RecurrentOptions.DiagnosticsEveryNSteps"/>.
/// </summary>
public sealed class RecurrentTrainingHistory
{
    internal RecurrentTrainingHistory(IReadOnlyList<EpochRecord> epochs, StopReason stopReason, int? bestEpoch, double? bestMetric,
        IReadOnlyList<double> gradientNorms, IReadOnlyList<DiagnosticsRecord> diagnostics, int trainingRows, int skippedRows)
    {
        Epochs = epochs;
        StopReason = stopReason;
        BestEpoch = bestEpoch;
        BestMetric = bestMetric;
        GradientNorms = gradientNorms;
        Diagnostics = diagnostics;
        TrainingRows = trainingRows;
        SkippedRows = skippedRows;
    }

    /// <summary>One record per epoch trained.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The loss curve: the mean training loss of each epoch.</summary>
    public IReadOnlyList<double> TrainingLoss => [.. Epochs.Select(e => e.TrainingLoss)];

    /// <summary>The validation loss of each epoch; empty without validation.</summary>
    public IReadOnlyList<double> ValidationLoss
        => [.. Epochs.Where(e => e.ValidationMetrics.ContainsKey("loss")).Select(e => e.ValidationMetrics["loss"])];

    /// <summary>Why training ended (all epochs, early stopping).</summary>
    public StopReason StopReason { get; }

    /// <summary>The epoch with the lowest validation loss, or null without validation.</summary>
    public int? BestEpoch { get; }

    /// <summary>That loss, or null.</summary>
    public double? BestMetric { get; }

    /// <summary>The global gradient L2 norm (before clipping) of every optimizer step; empty for a loaded model.</summary>
    public IReadOnlyList<double> GradientNorms { get; }

    /// <summary>The diagnostics recorded during training; empty for a loaded model or when none were requested.</summary>
    public IReadOnlyList<DiagnosticsRecord> Diagnostics { get; }

    /// <summary>The rows read for training (the validation rows included).</summary>
    public int TrainingRows { get; }

    /// <summary>The rows skipped because their label was missing (key 0, NaN) or a feature value was not finite.</summary>
    public int SkippedRows { get; }

    /// <summary>Wraps the engine's result.</summary>
    internal static RecurrentTrainingHistory From(TrainingResult result, int trainingRows, int skippedRows)
        => new(result.Epochs, result.StopReason, result.BestEpoch, result.BestMetric, result.GradientNorms, result.Diagnostics, trainingRows, skippedRows);

    /// <summary>Writes the history (without gradient norms and diagnostics) into the manifest field "history"; non-finite metrics are left out.</summary>
    internal void Save(ModelSaveContext context)
    {
        var saved = new SavedHistory(
            [.. Epochs.Select(e => e with { ValidationMetrics = e.ValidationMetrics.Where(m => double.IsFinite(m.Value)).ToDictionary() })],
            StopReason.ToString(), BestEpoch, BestMetric is double best && double.IsFinite(best) ? best : null, TrainingRows, SkippedRows);
        context.Manifest["history"] = JsonSerializer.SerializeToNode(saved);
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    /// <exception cref="ModelFormatException">The field is missing or malformed.</exception>
    internal static RecurrentTrainingHistory Load(ModelLoadContext context)
    {
        var saved = context.Get<SavedHistory>("history");
        if (saved.Epochs is null || !Enum.TryParse(saved.StopReason, out StopReason reason))
        {
            throw new ModelFormatException(context.Path, $"field 'history' is malformed: expected epochs and a stop reason ({string.Join(", ", Enum.GetNames<StopReason>())}), got {context.Manifest["history"]?.ToJsonString()}.");
        }

        return new RecurrentTrainingHistory(saved.Epochs, reason, saved.BestEpoch, saved.BestMetric, [], [], saved.TrainingRows, saved.SkippedRows);
    }

    /// <summary>The saved form of a history.</summary>
    private sealed record SavedHistory(List<EpochRecord> Epochs, string StopReason, int? BestEpoch, double? BestMetric, int TrainingRows, int SkippedRows);
}
