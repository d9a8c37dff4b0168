using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>Binary classification: one logit z per sequence, ℓ = −[y·log σ(z) + (1 − y)·log(1 − σ(z))]; accuracy counts z &gt; 0 ⇔ y.</summary>
internal sealed class BinaryObjective : ISequenceObjective<bool>
{
    private readonly BinaryCrossEntropyWithLogitsLoss _loss = new();

    public Tensor Loss(Tensor outputs, IReadOnlyList<bool> labels)
        => _loss.Forward(outputs.Reshape(labels.Count), Tensor.FromArray([.. labels.Select(y => y ? 1f : 0f)]));

    public IEnumerable<KeyValuePair<string, double>> Metrics(Tensor outputs, IReadOnlyList<bool> labels)
    {
        float[] logits = outputs.ToArray();
        yield return new("accuracy", labels.Where((y, n) => logits[n] > 0f == y).Count() / (double)labels.Count);
    }
}

/// <summary>Multiclass classification: C logits per sequence, ℓ = −log softmax(z)_y; accuracy counts argmax z = y.</summary>
internal sealed class MulticlassObjective : ISequenceObjective<int>
{
    private readonly CrossEntropyLoss _loss = new();

    public Tensor Loss(Tensor outputs, IReadOnlyList<int> labels) => _loss.Forward(outputs, [.. labels]);

    public IEnumerable<KeyValuePair<string, double>> Metrics(Tensor outputs, IReadOnlyList<int> labels)
    {
        yield return new("accuracy", TokenAccuracy.Of(outputs.ToArray(), outputs.Size(1), [.. labels], ignore: -1));
    }

    /// <summary>The index of the largest value (the first among ties).</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The index.</returns>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>Regression of K standardised targets per sequence: ℓ = mean over the batch and the K outputs of (ŷ − y)².</summary>
internal sealed class RegressionObjective : ISequenceObjective<float[]>
{
    private readonly MseLoss _loss = new();

    public Tensor Loss(Tensor outputs, IReadOnlyList<float[]> labels)
        => _loss.Forward(outputs, Tensor.FromArray([.. labels.SelectMany(y => y)], labels.Count, outputs.Size(1)));

    public IEnumerable<KeyValuePair<string, double>> Metrics(Tensor outputs, IReadOnlyList<float[]> labels) => [];
}
