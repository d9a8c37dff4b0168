using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The encoder of a <see cref="Seq2SeqModel"/>: embeds padded source token ids and runs a (possibly bidirectional,
/// multi-layer) recurrent layer over them, respecting each source's length:
/// <code>
/// x_s = dropout(Embedding(token_s))                     (N, S, E)
/// h̄, h_n, c_n = RNN(x, lengths)                         h̄: (N, S, D·H), h_n and c_n: (D·num_layers, N, H)
/// </code>
/// With a bidirectional encoder (D = 2), the final states of the two directions of each layer k are concatenated and
/// bridged to the decoder's size: <c>s₀⁽ᵏ⁾ = tanh(W_h [h→⁽ᵏ⁾; h←⁽ᵏ⁾] + b_h)</c> and, for an LSTM,
/// <c>c₀⁽ᵏ⁾ = W_c [c→⁽ᵏ⁾; c←⁽ᵏ⁾] + b_c</c> (no tanh: a cell state is not bounded). Unidirectional: s₀ = h_n, c₀ = c_n.
/// </summary>
/// <remarks>
/// <para>Layout: batch-first throughout, (N, S, ·), because attention reads keys as (N, S, H_k).</para>
/// <para>Parameters: <c>embedding.weight</c> (V_src, E); <c>rnn.*</c> (the recurrent layer's PyTorch names, e.g.
/// <c>rnn.weight_ih_l0</c>, <c>rnn.weight_hh_l0_reverse</c>); bidirectional only: <c>bridge_hidden.weight</c> (H, 2H),
/// <c>bridge_hidden.bias</c> (H) and, for an LSTM, <c>bridge_cell.weight</c>, <c>bridge_cell.bias</c>.</para>
/// <para>Positions past a source's length are skipped as with PyTorch's packed sequences: their outputs are zero and
/// h_n is each source's state after its own last token (for the reverse direction, after its first).</para>
/// </remarks>
public sealed class Seq2SeqEncoder : Module
{
    private readonly Dropout _dropout;

    /// <summary>Creates the encoder.</summary>
    /// <param name="options">The architecture (validated here).</param>
    /// <param name="generator">Seeded generator for initialisation and dropout; default seed <see cref="Seq2SeqOptions.Seed"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="Seq2SeqOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent (see <see cref="Seq2SeqOptions.Validate"/>).</exception>
    public Seq2SeqEncoder(Seq2SeqOptions options, RandomGenerator? generator = null)
    {
        ThrowHelper.ThrowIfNull(options, nameof(options));
        options.Validate();
        generator ??= new RandomGenerator(options.Seed);
        VocabularySize = options.SourceVocabularySize;
        HiddenSize = options.HiddenSize;
        Directions = options.EncoderDirections;
        Embedding = RegisterModule("embedding", new Embedding(VocabularySize, options.EmbeddingSize, options.SourcePaddingIndex, generator));
        Rnn = RegisterModule("rnn", RecurrentLayers.Create(options.Cell, options.EmbeddingSize, HiddenSize, options.NumLayers,
            options.Dropout, options.BidirectionalEncoder, generator));
        if (options.BidirectionalEncoder)
        {
            BridgeHidden = RegisterModule("bridge_hidden", new Linear(2 * HiddenSize, HiddenSize, generator: generator));
            if (options.Cell == RecurrentCellKind.Lstm)
            {
                BridgeCell = RegisterModule("bridge_cell", new Linear(2 * HiddenSize, HiddenSize, generator: generator));
            }
        }
        _dropout = RegisterModule("dropout", new Dropout(options.Dropout, generator));
    }

    /// <summary>V_src.</summary>
    public int VocabularySize { get; }

    /// <summary>H: hidden features per direction.</summary>
    public int HiddenSize { get; }

    /// <summary>D: 2 when bidirectional, else 1.</summary>
    public int Directions { get; }

    /// <summary>D·H: features of each encoder output (the attention keys).</summary>
    public int OutputSize => Directions * HiddenSize;

    /// <summary>The source embedding, <c>embedding</c>.</summary>
    public Embedding Embedding { get; }

    /// <summary>The batch-first recurrent layer, <c>rnn</c>.</summary>
    public RecurrentLayer Rnn { get; }

    /// <summary>W_h, b_h: <c>bridge_hidden</c>, 2H → H; null unless bidirectional.</summary>
    public Linear? BridgeHidden { get; }

    /// <summary>W_c, b_c: <c>bridge_cell</c>, 2H → H; null unless bidirectional with an LSTM.</summary>
    public Linear? BridgeCell { get; }

    /// <summary>Encodes a batch of padded sources.</summary>
    /// <param name="source">(N, S) token ids in [0, V_src), row n padded (with any valid id) past lengths[n].</param>
    /// <param name="lengths">N lengths, each in [1, S].</param>
    /// <returns>The outputs (N, S, D·H) and the decoder's initial state (num_layers, N, H).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="source"/> has a zero size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id is outside [0, V_src) (the message gives its position), or a length is outside [1, S].</exception>
    /// <exception cref="ArgumentException"><paramref name="lengths"/> does not hold N values.</exception>
    public Seq2SeqEncoderOutput Forward(int[,] source, int[] lengths)
    {
        TokenChecks.Matrix(source, nameof(source), VocabularySize, "the source vocabulary");
        int batch = source.GetLength(0), steps = source.GetLength(1);
        TokenChecks.Lengths(lengths, nameof(lengths), batch, steps);
        int[] ownLengths = (int[])lengths.Clone();

        Tensor embedded = _dropout.Forward(Embedding.Forward(TokenChecks.Flat(source), batch, steps));
        RecurrentOutput encoded = RecurrentLayers.Forward(Rnn, embedded, null, null, ownLengths);
        Tensor hidden = BridgeHidden is null ? encoded.HiddenState : Bridge(encoded.HiddenState, BridgeHidden).Tanh();
        Tensor? cell = BridgeCell is null || encoded.CellState is null ? encoded.CellState : Bridge(encoded.CellState, BridgeCell);
        return new Seq2SeqEncoderOutput(encoded.Output, hidden, cell, ownLengths);
    }

    /// <summary>(2·num_layers, N, H), layer-major and direction-minor → [forward; backward] per layer (num_layers, N, 2H) → Linear.</summary>
    private static Tensor Bridge(Tensor state, Linear bridge)
    {
        int layers = state.Size(0) / 2, batch = state.Size(1), hidden = state.Size(2);
        Tensor joined = state.Reshape(layers, 2, batch, hidden).Permute(0, 2, 1, 3).Reshape(layers, batch, 2 * hidden);
        return bridge.Forward(joined);
    }
}
