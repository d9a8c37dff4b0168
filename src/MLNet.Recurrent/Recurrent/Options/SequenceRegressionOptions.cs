namespace MLNet.Recurrent.Transforms;

/// <summary>Options of <see cref="SequenceRegressionEstimator"/>: a Single label per sequence.</summary>
public sealed class SequenceRegressionOptions : PooledSequenceOptions
{
}
