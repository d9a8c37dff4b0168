using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The shared front of every recurrent estimator's network: token embedding (key inputs) or the standardised feature
/// vectors, input dropout, and the recurrent stack:
/// <code>
/// x_t = embedding[key_t]   (or the step's F features)
/// h_t = cell(dropout(x_t), h_{t−1})   for each of the num_layers layers and D directions
/// </code>
/// </summary>
/// <remarks>
/// <para>Parameters (PyTorch names): <c>embedding.weight</c> (V + 1, E) for key inputs, row 0 the zero padding row;
/// <c>rnn.weight_ih_l{k}</c>, <c>rnn.weight_hh_l{k}</c>, <c>rnn.bias_ih_l{k}</c>, <c>rnn.bias_hh_l{k}</c> (suffix
/// <c>_reverse</c> for the backward direction), see <see cref="RecurrentLayer"/>.</para>
/// <para>Layout: time-major (L, N, ·), lengths per sequence (packed-sequence semantics: outputs past a sequence's end
/// are zero and h_n is each sequence's own last state).</para>
/// </remarks>
public sealed class SequenceEncoder : Module
{
    private readonly Dropout _dropout;

    internal SequenceEncoder(RecurrentNetworkSpec spec, RandomGenerator generator)
    {
        int inputSize = spec.Input.FeaturesPerStep;
        if (spec.Input.IsTokens)
        {
            Embedding = RegisterModule("embedding", new Embedding(spec.Input.VocabularySize + 1, spec.EmbeddingSize, paddingIndex: 0, generator));
            inputSize = spec.EmbeddingSize;
        }

        float between = spec.NumberOfLayers > 1 ? spec.Dropout : 0f;
        Recurrent = RegisterModule<RecurrentLayer>("rnn", spec.Cell switch
        {
            RecurrentCellKind.RnnTanh => new Rnn(inputSize, spec.HiddenSize, spec.NumberOfLayers, RnnNonlinearity.Tanh, dropout: between, bidirectional: spec.Bidirectional, generator: generator),
            RecurrentCellKind.RnnRelu => new Rnn(inputSize, spec.HiddenSize, spec.NumberOfLayers, RnnNonlinearity.Relu, dropout: between, bidirectional: spec.Bidirectional, generator: generator),
            RecurrentCellKind.Lstm => new Lstm(inputSize, spec.HiddenSize, spec.NumberOfLayers, dropout: between, bidirectional: spec.Bidirectional, generator: generator),
            RecurrentCellKind.Gru => new Gru(inputSize, spec.HiddenSize, spec.NumberOfLayers, dropout: between, bidirectional: spec.Bidirectional, generator: generator),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Cell, $"spec.Cell: expected a defined RecurrentCellKind, got {spec.Cell}."),
        });
        _dropout = RegisterModule("dropout", new Dropout(spec.Dropout, new RandomGenerator(unchecked(spec.Seed * 7919L + 1))));
    }

    /// <summary>The token embedding (key inputs), or null for feature vectors.</summary>
    public Embedding? Embedding { get; }

    /// <summary>The recurrent stack.</summary>
    public RecurrentLayer Recurrent { get; }

    /// <summary>D·H: features of each output step and of the final state.</summary>
    public int OutputSize => Recurrent.Directions * Recurrent.HiddenSize;

    /// <summary>Runs the stack over a padded batch.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>Outputs (L, N, D·H), h_n, c_n.</returns>
    internal RecurrentOutput Forward(SequenceBatch batch)
    {
        Tensor input = Embedding is not null
            ? Embedding.Forward(batch.Tokens!, batch.Steps, batch.Count)
            : batch.Values!;
        return Recurrent.Forward(_dropout.Forward(input), null, null, batch.Lengths);
    }

    /// <summary>The top layer's final hidden state of each sequence, both directions concatenated: (N, D·H).</summary>
    /// <param name="output">What <see cref="Forward"/> returned.</param>
    /// <returns>(N, D·H).</returns>
    internal Tensor FinalState(RecurrentOutput output)
    {
        int directions = Recurrent.Directions, top = (Recurrent.NumLayers - 1) * directions;
        return directions == 1
            ? output.HiddenState.Select(0, top)
            : Tensor.Concat([output.HiddenState.Select(0, top), output.HiddenState.Select(0, top + 1)], 1);
    }

    /// <summary>Applies the input dropout (training mode) to another tensor, e.g. before a head.</summary>
    /// <param name="input">Any shape.</param>
    /// <returns>The same shape.</returns>
    internal Tensor Dropout(Tensor input) => _dropout.Forward(input);
}
