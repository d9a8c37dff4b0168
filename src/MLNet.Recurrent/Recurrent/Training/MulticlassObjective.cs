using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

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
