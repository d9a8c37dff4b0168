using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Accumulates token-level tagging metrics one sequence at a time in O(T²) memory for T tags (see
/// <see cref="SequenceTaggingMetrics"/>).
/// </summary>
internal sealed class SequenceTaggingAccumulator
{
    private readonly int _tags;
    private readonly int _outsideTag;
    private readonly double[][] _confusion;
    private readonly double[] _missedOfTag;
    private long _correct;

    /// <summary>Creates an accumulator.</summary>
    /// <param name="numberOfTags">T, the number of tags (≥ 1).</param>
    /// <param name="outsideTag">The tag left out of the F1 averages (0 … T − 1), or −1 for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfTags"/> &lt; 1, or <paramref name="outsideTag"/> outside −1 … T − 1.</exception>
    public SequenceTaggingAccumulator(int numberOfTags, int outsideTag = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfTags, 1);
        if (outsideTag < -1 || outsideTag >= numberOfTags)
        {
            throw new ArgumentOutOfRangeException(nameof(outsideTag), outsideTag, $"{nameof(outsideTag)}: expected −1 … {numberOfTags - 1}, got {outsideTag}.");
        }

        _tags = numberOfTags;
        _outsideTag = outsideTag;
        _confusion = new double[numberOfTags][];
        for (int t = 0; t < numberOfTags; t++)
        {
            _confusion[t] = new double[numberOfTags];
        }

        _missedOfTag = new double[numberOfTags];
    }

    /// <summary>Non-padding tokens counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one sequence.</summary>
    /// <param name="labels">The actual tag of each step (0 … T − 1); negative = padding, skipped.</param>
    /// <param name="predicted">The predicted tag of each step (0 … T − 1); negative = no prediction (wrong).</param>
    /// <exception cref="ArgumentException">The two sequences differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A tag is ≥ T.</exception>
    public void Add(ReadOnlySpan<int> labels, ReadOnlySpan<int> predicted)
    {
        if (labels.Length != predicted.Length)
        {
            throw new ArgumentException($"{nameof(predicted)}: expected {labels.Length} steps like the labels, got {predicted.Length}.", nameof(predicted));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label < 0)
            {
                continue;
            }

            int guess = predicted[i];
            CheckTag(label, nameof(labels));
            CheckTag(guess, nameof(predicted));
            Count++;
            if (guess < 0)
            {
                _missedOfTag[label]++;
                continue;
            }

            _confusion[label][guess]++;
            _correct += label == guess ? 1 : 0;
        }
    }

    /// <summary>The metrics of the sequences added.</summary>
    /// <param name="tagNames">One name per tag, for the confusion table.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No token was added.</exception>
    public SequenceTaggingMetrics ToMetrics(string[] tagNames)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No tokens were added.");
        }

        var precision = new double[_tags];
        var recall = new double[_tags];
        var f1 = new double[_tags];
        double truePositives = 0;
        double falsePositives = 0;
        double falseNegatives = 0;
        double f1Sum = 0;
        int tagsSeen = 0;
        for (int t = 0; t < _tags; t++)
        {
            double tp = _confusion[t][t];
            double predictedAsT = 0;
            double actuallyT = _missedOfTag[t];
            for (int other = 0; other < _tags; other++)
            {
                predictedAsT += _confusion[other][t];
                actuallyT += _confusion[t][other];
            }

            precision[t] = predictedAsT > 0 ? tp / predictedAsT : 0;
            recall[t] = actuallyT > 0 ? tp / actuallyT : 0;
            f1[t] = precision[t] + recall[t] > 0 ? 2 * precision[t] * recall[t] / (precision[t] + recall[t]) : 0;
            if (t == _outsideTag || predictedAsT + actuallyT == 0)
            {
                continue;
            }

            tagsSeen++;
            f1Sum += f1[t];
            truePositives += tp;
            falsePositives += predictedAsT - tp;
            falseNegatives += actuallyT - tp;
        }

        double microDenominator = (2 * truePositives) + falsePositives + falseNegatives;
        return new SequenceTaggingMetrics(
            Count,
            (double)_correct / Count,
            microDenominator > 0 ? 2 * truePositives / microDenominator : 0,
            tagsSeen > 0 ? f1Sum / tagsSeen : 0,
            precision,
            recall,
            f1,
            new ConfusionMatrix(_confusion, tagNames));
    }

    private void CheckTag(int tag, string paramName)
    {
        if (tag >= _tags)
        {
            throw new ArgumentOutOfRangeException(paramName, tag, $"{paramName}: expected tags 0 … {_tags - 1}, got {tag}.");
        }
    }
}
