using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Transforms;

/// <summary>Regression of K standardised targets per sequence: ℓ = mean over the batch and the K outputs of (ŷ − y)².</summary>
internal sealed class RegressionObjective : ISequenceObjective<float[]>
{
    private readonly MseLoss _loss = new();

    public Tensor Loss(Tensor outputs, IReadOnlyList<float[]> labels)
        => _loss.Forward(outputs, Tensor.FromArray([.. labels.SelectMany(y => y)], labels.Count, outputs.Size(1)));

    public IEnumerable<KeyValuePair<string, double>> Metrics(Tensor outputs, IReadOnlyList<float[]> labels) => [];
}
