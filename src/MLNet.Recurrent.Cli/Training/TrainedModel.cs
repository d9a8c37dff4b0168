using MLNet.Recurrent.Cli.Scoring;
using MLNet.Recurrent.Cli.Tasks;
using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent.Cli.Training;

/// <summary>One fitted pipeline and how it did on the held-out rows.</summary>
/// <param name="Network">The network and budget it was trained with.</param>
/// <param name="Model">The fitted pipeline, described (what gets saved: <see cref="ModelDescription.Model"/>).</param>
/// <param name="Report">Held-out metrics next to the baseline's.</param>
/// <param name="Seconds">Wall time of fitting.</param>
/// <param name="History">The recurrent model's loss per epoch and row counts.</param>
internal sealed record TrainedModel(NetworkSettings Network, ModelDescription Model, MetricReport Report, double Seconds, RecurrentTrainingHistory History);
