using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Accumulates multiclass classification metrics one row at a time in O(C²) memory for C classes (ML.NET's
/// definitions, see <see cref="MulticlassClassificationMetrics"/>).
/// </summary>
internal sealed class MulticlassClassificationAccumulator
{
    /// <summary>The smallest probability a log-loss term uses (ML.NET's clip, a float).</summary>
    private const float Epsilon = 1e-15f;

    private readonly int _classes;
    private readonly int _topK;
    private readonly double[][] _confusion;
    private readonly double[] _rowsOfClass;
    private readonly double[] _logLossOfClass;
    private readonly double[] _correctAtRank;
    private double _correct;
    private double _logLossSum;

    /// <summary>Creates an accumulator.</summary>
    /// <param name="numberOfClasses">C, the length of every score vector (≥ 1).</param>
    /// <param name="topKPredictionCount">K for top-K accuracy (≥ 0; 0 = not computed).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfClasses"/> &lt; 1 or <paramref name="topKPredictionCount"/> &lt; 0.</exception>
    public MulticlassClassificationAccumulator(int numberOfClasses, int topKPredictionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfClasses, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(topKPredictionCount);
        _classes = numberOfClasses;
        _topK = topKPredictionCount;
        _confusion = new double[numberOfClasses][];
        for (int c = 0; c < numberOfClasses; c++)
        {
            _confusion[c] = new double[numberOfClasses];
        }

        _rowsOfClass = new double[numberOfClasses];
        _logLossOfClass = new double[numberOfClasses];
        _correctAtRank = new double[topKPredictionCount];
    }

    /// <summary>Rows counted so far.</summary>
    public long Count { get; private set; }

    /// <summary>Rows skipped: a missing label, or a NaN or infinite score.</summary>
    public long SkippedRows { get; private set; }

    /// <summary>Adds one row.</summary>
    /// <param name="label">The actual class 0 … C − 1; negative = missing (skipped); ≥ C = a class the model does not know (counted as wrong, log-loss term −ln 10⁻¹⁵).</param>
    /// <param name="scores">The C class scores (probabilities for log-loss).</param>
    /// <exception cref="ArgumentException"><paramref name="scores"/> does not hold C values.</exception>
    public void Add(int label, ReadOnlySpan<float> scores)
    {
        if (scores.Length != _classes)
        {
            throw new ArgumentException($"{nameof(scores)}: expected {_classes} values, got {scores.Length}.", nameof(scores));
        }

        if (label < 0 || !AllFinite(scores))
        {
            SkippedRows++;
            return;
        }

        Count++;
        if (label >= _classes)
        {
            _logLossSum -= Math.Log(Epsilon);
            return;
        }

        int predicted = 0;
        int rank = 0;
        float actualScore = scores[label];
        for (int c = 0; c < _classes; c++)
        {
            predicted = scores[c] > scores[predicted] ? c : predicted;
            rank += scores[c] > actualScore || (scores[c] == actualScore && c < label) ? 1 : 0;
        }

        double logLoss = -Math.Log(Math.Min(1f, Math.Max(Epsilon, actualScore)));
        _logLossSum += logLoss;
        _logLossOfClass[label] += logLoss;
        _rowsOfClass[label]++;
        _confusion[label][predicted]++;
        _correct += predicted == label ? 1 : 0;
        if (rank < _topK)
        {
            _correctAtRank[rank]++;
        }
    }

    /// <summary>The metrics of the rows added.</summary>
    /// <param name="classNames">One name per class, for the confusion table.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidOperationException">No row was added.</exception>
    public MulticlassClassificationMetrics ToMetrics(string[] classNames)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("No rows were added.");
        }

        double recallSum = 0;
        int presentClasses = 0;
        double entropy = 0;
        var perClassLogLoss = new double[_classes];
        for (int c = 0; c < _classes; c++)
        {
            if (_rowsOfClass[c] > 0)
            {
                presentClasses++;
                recallSum += _confusion[c][c] / _rowsOfClass[c];
                entropy -= _rowsOfClass[c] / Count * Math.Log(_rowsOfClass[c] / Count);
                perClassLogLoss[c] = _logLossOfClass[c] / _rowsOfClass[c];
            }
        }

        double[]? topK = null;
        if (_topK > 0)
        {
            topK = new double[_topK];
            double cumulative = 0;
            for (int k = 0; k < _topK; k++)
            {
                cumulative += _correctAtRank[k];
                topK[k] = cumulative / Count;
            }
        }

        double logLoss = _logLossSum / Count;
        return new MulticlassClassificationMetrics(
            _correct / Count,
            presentClasses > 0 ? recallSum / presentClasses : 0,
            logLoss,
            (entropy - logLoss) / entropy,
            _topK,
            topK,
            perClassLogLoss,
            new ConfusionMatrix(_confusion, classNames));
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
