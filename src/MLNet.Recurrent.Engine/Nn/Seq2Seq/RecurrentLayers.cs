using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>Builds a batch-first <see cref="RecurrentLayer"/> of a chosen cell and runs any of them through one call.</summary>
internal static class RecurrentLayers
{
    /// <summary>A batch-first Rnn, Lstm or Gru with PyTorch's default initialisation.</summary>
    public static RecurrentLayer Create(RecurrentCellKind cell, int inputSize, int hiddenSize, int numLayers, float dropout,
        bool bidirectional, RandomGenerator generator)
        => RecurrentLayer.Create(cell, inputSize, hiddenSize, numLayers, batchFirst: true, dropout: dropout, bidirectional: bidirectional, generator: generator);

    /// <summary>Runs <paramref name="layer"/> on (N, L, H_in) from (h0, c0); c0 is used by an Lstm only.</summary>
    public static RecurrentOutput Forward(RecurrentLayer layer, Tensor input, Tensor? h0, Tensor? c0, int[]? lengths)
        => layer.Forward(input, h0, layer.Cell == RecurrentCellKind.Lstm ? c0 : null, lengths);
}
