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
