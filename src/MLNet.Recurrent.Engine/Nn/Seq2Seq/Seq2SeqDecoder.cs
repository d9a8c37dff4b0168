using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The decoder of a <see cref="Seq2SeqModel"/>: a recurrent cell run one step at a time, attending over the encoder
/// outputs h̄ (N, S, K = D·H) masked by the source lengths. With y_{t−1} the previous token and s the recurrent state:
/// <code>
/// None:          s_t = RNN(x_t, s_{t−1})                         x_t = dropout(E y_{t−1})
///                logits_t = W_o dropout(s_t) + b_o
/// Luong (dot, general; Luong, Pham &amp; Manning, 2015), with input feeding:
///                s_t = RNN([x_t; h̃_{t−1}], s_{t−1})               (h̃_0 = 0; without input feeding the input is x_t)
///                c_t, α_t = attention(query s_t, keys h̄)
///                h̃_t = tanh(W_c [c_t; s_t])
///                logits_t = W_o dropout(h̃_t) + b_o
/// Bahdanau (additive; Bahdanau, Cho &amp; Bengio, 2015):
///                c_t, α_t = attention(query s_{t−1}, keys h̄)     (the top layer's state before the step)
///                s_t = RNN([x_t; c_t], s_{t−1})                   (the context is fed to the cell)
///                h̃_t = tanh(W_c [c_t; s_t])
///                logits_t = W_o dropout(h̃_t) + b_o
/// </code>
/// The attention query s_t is the top layer's state; α_t is 0 at source positions at or past each source's length.
/// </summary>
/// <remarks>
/// <para>Parameters: <c>embedding.weight</c> (V_tgt, E); <c>rnn.*</c> with H_in = E (None, Luong without input feeding),
/// E + H (Luong with input feeding) or E + K (Bahdanau); <c>attention.*</c> (Bahdanau: <c>query_proj.weight</c>
/// (A, H), <c>query_proj.bias</c>, <c>key_proj.weight</c> (A, K), <c>v.weight</c> (1, A); LuongGeneral: <c>weight</c>
/// (H, K); LuongDot: none); <c>combine.weight</c> W_c (H, K + H), no bias; <c>output.weight</c> W_o (V_tgt, H),
/// <c>output.bias</c> b_o. Bahdanau's original output layer (a maxout over s_t, y_{t−1} and c_t) is replaced by the
/// same attentional layer h̃_t as Luong's, so the kinds differ only in the score and in when the query is taken.</para>
/// <para>When no step depends on the previous one's attention (None, or Luong without input feeding) and every input
/// token is given (teacher forcing), <see cref="Seq2SeqModel.Forward"/> runs the recurrent layer over all T steps at
/// once and attends with all T queries together; the result equals T calls of <see cref="Step"/>.</para>
/// </remarks>
public sealed class Seq2SeqDecoder : Module
{
    private readonly Dropout _dropout;

    /// <summary>Creates the decoder.</summary>
    /// <param name="options">The architecture (validated here).</param>
    /// <param name="generator">Seeded generator for initialisation and dropout; default seed <see cref="Seq2SeqOptions.Seed"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="Seq2SeqOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent (see <see cref="Seq2SeqOptions.Validate"/>).</exception>
    public Seq2SeqDecoder(Seq2SeqOptions options, RandomGenerator? generator = null)
    {
        ThrowHelper.ThrowIfNull(options, nameof(options));
        options.Validate();
        generator ??= new RandomGenerator(options.Seed);
        VocabularySize = options.TargetVocabularySize;
        HiddenSize = options.HiddenSize;
        NumLayers = options.NumLayers;
        KeySize = options.EncoderDirections * options.HiddenSize;
        AttentionKind = options.Attention;
        bool luong = AttentionKind is Seq2SeqAttentionKind.LuongDot or Seq2SeqAttentionKind.LuongGeneral;
        InputFeeding = luong && options.InputFeeding;
        int inputSize = options.EmbeddingSize + AttentionKind switch
        {
            Seq2SeqAttentionKind.Bahdanau => KeySize,
            _ when InputFeeding => HiddenSize,
            _ => 0,
        };

        Embedding = RegisterModule("embedding", new Embedding(VocabularySize, options.EmbeddingSize, options.TargetPaddingIndex, generator));
        Rnn = RegisterModule("rnn", RecurrentLayers.Create(options.Cell, inputSize, HiddenSize, NumLayers, options.Dropout, false, generator));
        Attention = AttentionKind switch
        {
            Seq2SeqAttentionKind.Bahdanau => new AdditiveAttention(HiddenSize, KeySize, options.AttentionSize ?? HiddenSize, bias: true, generator),
            Seq2SeqAttentionKind.LuongDot => new LuongAttention(HiddenSize, KeySize, LuongScore.Dot),
            Seq2SeqAttentionKind.LuongGeneral => new LuongAttention(HiddenSize, KeySize, LuongScore.General, generator),
            _ => null,
        };
        if (Attention is not null)
        {
            RegisterModule("attention", Attention);
            Combine = RegisterModule("combine", new Linear(KeySize + HiddenSize, HiddenSize, bias: false, generator));
        }
        Output = RegisterModule("output", new Linear(HiddenSize, VocabularySize, generator: generator));
        _dropout = RegisterModule("dropout", new Dropout(options.Dropout, generator));
    }

    /// <summary>V_tgt.</summary>
    public int VocabularySize { get; }

    /// <summary>H: hidden features of each layer.</summary>
    public int HiddenSize { get; }

    /// <summary>Stacked recurrent layers.</summary>
    public int NumLayers { get; }

    /// <summary>K = D·H: features of the encoder outputs attended over.</summary>
    public int KeySize { get; }

    /// <summary>The attention kind.</summary>
    public Seq2SeqAttentionKind AttentionKind { get; }

    /// <summary>Whether h̃_{t−1} is fed to the next step (Luong attention with input feeding on).</summary>
    public bool InputFeeding { get; }

    /// <summary>The target embedding, <c>embedding</c>.</summary>
    public Embedding Embedding { get; }

    /// <summary>The batch-first recurrent layer, <c>rnn</c>.</summary>
    public RecurrentLayer Rnn { get; }

    /// <summary>The attention layer, <c>attention</c>; null for <see cref="Seq2SeqAttentionKind.None"/>.</summary>
    public AlignmentAttention? Attention { get; }

    /// <summary>W_c: <c>combine</c>, [c_t; s_t] (K + H) → H, no bias; null without attention.</summary>
    public Linear? Combine { get; }

    /// <summary>W_o, b_o: <c>output</c>, H → V_tgt.</summary>
    public Linear Output { get; }

    /// <summary>Whether teacher-forced decoding may run all steps at once (no step reads the previous step's attention).</summary>
    internal bool RunsAllStepsAtOnce => !InputFeeding && AttentionKind != Seq2SeqAttentionKind.Bahdanau;

    /// <summary>The state before the first step: the encoder's bridged final state, and h̃_0 = 0 with input feeding.</summary>
    /// <param name="encoded">The encoder's output.</param>
    /// <returns>The initial state, N rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is null.</exception>
    /// <exception cref="TensorShapeException">The encoder's state is not (num_layers, N, H).</exception>
    public Seq2SeqDecoderState InitialState(Seq2SeqEncoderOutput encoded)
    {
        ThrowHelper.ThrowIfNull(encoded, nameof(encoded));
        Tensor hidden = encoded.Hidden;
        if (hidden.Rank != 3 || hidden.Size(0) != NumLayers || hidden.Size(2) != HiddenSize)
        {
            ThrowHelper.Shape("encoded.Hidden", $"(num_layers={NumLayers}, N, H={HiddenSize})", hidden.Shape);
        }
        return new Seq2SeqDecoderState(hidden, encoded.Cell, InputFeeding ? Tensor.Zeros(hidden.Size(1), HiddenSize) : null);
    }

    /// <summary>Runs one decoding step for N rows.</summary>
    /// <param name="previousTokens">y_{t−1}: N token ids in [0, V_tgt) (BOS at the first step).</param>
    /// <param name="state">The state after the previous step (or <see cref="InitialState"/>), N rows.</param>
    /// <param name="encoderOutputs">h̄: (N, S, K), the keys and values of attention.</param>
    /// <param name="sourceLengths">N lengths in [1, S]; attention ignores positions at or past them.</param>
    /// <returns>The logits (N, V_tgt), the attention weights (N, S) or null, and the next state.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="previousTokens"/> or <paramref name="sourceLengths"/> does not hold N values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id is outside [0, V_tgt), or a length is outside [1, S].</exception>
    /// <exception cref="TensorShapeException"><paramref name="encoderOutputs"/> is not (N, S ≥ 1, K), or a state tensor has the wrong shape.</exception>
    public Seq2SeqDecoderStep Step(ReadOnlySpan<int> previousTokens, Seq2SeqDecoderState state, Tensor encoderOutputs, int[] sourceLengths)
    {
        ThrowHelper.ThrowIfNull(state, nameof(state));
        int batch = state.BatchSize;
        CheckMemory(encoderOutputs, sourceLengths, batch);
        if (previousTokens.Length != batch)
        {
            ThrowHelper.Argument(nameof(previousTokens), $"expected one token per row (N={batch}), got {previousTokens.Length}.");
        }
        for (int n = 0; n < batch; n++)
        {
            if ((uint)previousTokens[n] >= (uint)VocabularySize)
            {
                ThrowHelper.OutOfRange(nameof(previousTokens), previousTokens[n], $"a token id in [0, {VocabularySize - 1}] at previousTokens[{n}]");
            }
        }
        if (InputFeeding && (state.Feed is null || state.Feed.Rank != 2 || state.Feed.Size(0) != batch || state.Feed.Size(1) != HiddenSize))
        {
            ThrowHelper.Shape("state.Feed", $"(N={batch}, H={HiddenSize}) for input feeding", state.Feed is null ? ReadOnlySpan<int>.Empty : state.Feed.Shape);
        }

        Tensor input = _dropout.Forward(Embedding.Forward(previousTokens, batch, 1));
        AttentionOutput? attended = null;
        if (AttentionKind == Seq2SeqAttentionKind.Bahdanau)
        {
            attended = Attention!.Forward(state.Hidden.Select(0, NumLayers - 1), encoderOutputs, lengths: sourceLengths);
            input = Tensor.Concat([input, attended.Context.Unsqueeze(1)], 2);
        }
        else if (InputFeeding)
        {
            input = Tensor.Concat([input, state.Feed!.Unsqueeze(1)], 2);
        }
        RecurrentOutput stepped = RecurrentLayers.Forward(Rnn, input, state.Hidden, state.Cell, null);
        Tensor hidden = stepped.Output.Squeeze(1);
        if (Attention is not null && AttentionKind != Seq2SeqAttentionKind.Bahdanau)
        {
            attended = Attention.Forward(hidden, encoderOutputs, lengths: sourceLengths);
        }
        Tensor top = attended is null ? hidden : Attentional(attended.Context, hidden, 1);
        Tensor logits = Output.Forward(_dropout.Forward(top));
        return new Seq2SeqDecoderStep(logits, attended?.Weights,
            new Seq2SeqDecoderState(stepped.HiddenState, stepped.CellState, InputFeeding ? top : null));
    }

    /// <summary>
    /// Teacher-forced decoding of all T steps at once, for a decoder with <see cref="RunsAllStepsAtOnce"/>: one recurrent
    /// call over (N, T, E) and one attention call with T queries. Inputs are validated by the caller.
    /// </summary>
    /// <returns>Logits (N, T, V_tgt) and attention weights (N, T, S) or null.</returns>
    internal (Tensor Logits, Tensor? Attention) ForwardAllSteps(ReadOnlySpan<int> tokens, int batch, int steps, Seq2SeqDecoderState state,
        Tensor encoderOutputs, int[] sourceLengths)
    {
        Tensor input = _dropout.Forward(Embedding.Forward(tokens, batch, steps));
        Tensor hidden = RecurrentLayers.Forward(Rnn, input, state.Hidden, state.Cell, null).Output;
        if (Attention is null)
        {
            return (Output.Forward(_dropout.Forward(hidden)), null);
        }
        AttentionOutput attended = Attention.Forward(hidden, encoderOutputs, lengths: sourceLengths);
        Tensor top = Attentional(attended.Context, hidden, 2);
        return (Output.Forward(_dropout.Forward(top)), attended.Weights);
    }

    /// <summary>h̃ = tanh(W_c [c; s]), concatenating along <paramref name="dim"/> (the feature dimension).</summary>
    private Tensor Attentional(Tensor context, Tensor hidden, int dim) => Combine!.Forward(Tensor.Concat([context, hidden], dim)).Tanh();

    private void CheckMemory(Tensor encoderOutputs, int[] sourceLengths, int batch)
    {
        ThrowHelper.ThrowIfNull(encoderOutputs, nameof(encoderOutputs));
        if (encoderOutputs.Rank != 3 || encoderOutputs.Size(0) != batch || encoderOutputs.Size(1) < 1 || encoderOutputs.Size(2) != KeySize)
        {
            ThrowHelper.Shape(nameof(encoderOutputs), $"(N={batch}, S ≥ 1, K={KeySize})", encoderOutputs.Shape);
        }
        TokenChecks.Lengths(sourceLengths, nameof(sourceLengths), batch, encoderOutputs.Size(1));
    }
}
