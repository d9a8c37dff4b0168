using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Accumulates sequence-to-sequence metrics one pair at a time (see <see cref="SequenceToSequenceMetrics"/>); memory
/// is that of the longest target, for the edit distance.
/// </summary>
internal sealed class SequenceToSequenceAccumulator
{
    private readonly EditDistance _editDistance = new();
    private long _exactMatches;
    private long _targetItems;
    private long _correctItems;
    private long _distanceSum;

    /// <summary>Pairs counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one pair (padding already removed).</summary>
    /// <param name="target">The reference sequence y.</param>
    /// <param name="predicted">The model's sequence ŷ.</param>
    public void Add(ReadOnlySpan<int> target, ReadOnlySpan<int> predicted)
    {
        Count++;
        _exactMatches += target.SequenceEqual(predicted) ? 1 : 0;
        _targetItems += target.Length;
        int overlap = Math.Min(target.Length, predicted.Length);
        for (int i = 0; i < overlap; i++)
        {
            _correctItems += target[i] == predicted[i] ? 1 : 0;
        }

        _distanceSum += _editDistance.Compute(predicted, target);
    }

    /// <summary>The metrics of the pairs added.</summary>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No pair was added.</exception>
    public SequenceToSequenceMetrics ToMetrics()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No sequences were added.");
        }

        return new SequenceToSequenceMetrics(
            Count,
            (double)_exactMatches / Count,
            _targetItems > 0 ? (double)_correctItems / _targetItems : double.NaN,
            (double)_distanceSum / Count,
            _targetItems > 0 ? (double)_distanceSum / _targetItems : double.NaN);
    }
}
