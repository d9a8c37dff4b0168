namespace MLNet.Recurrent.Engine.Training;

/// <summary>A progress report from the <see cref="Trainer"/>, sent through <see cref="IProgress{T}"/>.</summary>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="Step">The global optimizer step, 1-based.</param>
/// <param name="Loss">The training loss: of the last batch for step reports, the epoch mean for epoch-end reports.</param>
/// <param name="ValidationMetric">The monitored validation metric (epoch-end reports with a validation set), else null.</param>
/// <param name="SequencesPerSecond">Training throughput over the epoch so far.</param>
/// <param name="GradientNorm">The global L2 norm of the gradients before clipping, at this step.</param>
/// <param name="LearningRate">The optimizer's learning rate at this step.</param>
/// <param name="IsEpochEnd">True for the report at the end of an epoch.</param>
public sealed record TrainingProgress(int Epoch, long Step, double Loss, double? ValidationMetric,
    double SequencesPerSecond, double GradientNorm, double LearningRate, bool IsEpochEnd);
