using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// An encoder–decoder (sequence-to-sequence) model with optional attention: a <see cref="Seq2SeqEncoder"/> reads the
/// padded source, a <see cref="Seq2SeqDecoder"/> generates the target one token at a time from the encoder's final state,
/// attending over the encoder outputs. Trained with teacher forcing (<see cref="Forward"/> and a cross-entropy loss);
/// decoded with <see cref="GreedyDecode"/> or <see cref="BeamSearch"/>.
/// </summary>
/// <remarks>
/// <para>Dimension legend: N batch, S source length (padded), T target steps, V_src and V_tgt vocabulary sizes, E embedding
/// size, H hidden size, D = 2 with a bidirectional encoder else 1, K = D·H encoder output size. Token ids are given as
/// row-major <c>int[N, L]</c> matrices padded with any valid id; everything is batch-first.</para>
/// <para>Parameters: the encoder's under <c>encoder.</c> and the decoder's under <c>decoder.</c> (e.g.
/// <c>encoder.rnn.weight_ih_l0</c>, <c>decoder.attention.weight</c>, <c>decoder.output.bias</c>); see the two classes.
/// All are drawn from one generator seeded with <see cref="Seq2SeqOptions.Seed"/>, so a seed fixes the model.</para>
/// <para>Decoding (<see cref="GreedyDecode"/>, <see cref="BeamSearch"/>) runs without recording gradients but does not
/// change the mode: call <see cref="Module.Eval"/> first so that dropout is off.</para>
/// </remarks>
/// <example><code>
/// var model = new Seq2SeqModel(new Seq2SeqOptions { SourceVocabularySize = 14, TargetVocabularySize = 14, Attention = Seq2SeqAttentionKind.Bahdanau });
/// Seq2SeqBatch batch = Seq2SeqBatch.Create(sources, targets, pad, pad, bos, eos);         // int[] token sequences
/// Seq2SeqOutput output = model.Forward(batch.Source, batch.SourceLengths, batch.DecoderInput);   // logits (N, T, V_tgt)
/// Tensor loss = new CrossEntropyLoss(ignoreIndex: pad).Forward(output.Logits.Reshape(-1, 14), batch.Labels.Cast&lt;int&gt;().ToArray());
/// model.Eval();
/// IReadOnlyList&lt;Seq2SeqHypothesis&gt; best = model.BeamSearch(batch.Source, batch.SourceLengths, bos, eos, beamWidth: 4, maxLength: 20);
/// </code></example>
public sealed class Seq2SeqModel : Module
{
    private readonly RandomGenerator _teacherForcing;

    /// <summary>Creates the model.</summary>
    /// <param name="options">The architecture (validated here).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="Seq2SeqOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent (see <see cref="Seq2SeqOptions.Validate"/>).</exception>
    public Seq2SeqModel(Seq2SeqOptions options)
    {
        ThrowHelper.ThrowIfNull(options, nameof(options));
        options.Validate();
        Options = options;
        var generator = new RandomGenerator(options.Seed);
        Encoder = RegisterModule("encoder", new Seq2SeqEncoder(options, generator));
        Decoder = RegisterModule("decoder", new Seq2SeqDecoder(options, generator));
        _teacherForcing = new RandomGenerator(unchecked(options.Seed * 31 + 17));
        RegisterGenerator("teacher_forcing", _teacherForcing);
    }

    /// <summary>Creates a model with default sizes (see <see cref="Seq2SeqOptions"/> for the others).</summary>
    /// <param name="sourceVocabularySize">V_src.</param>
    /// <param name="targetVocabularySize">V_tgt.</param>
    /// <param name="attention">The attention kind. Default <see cref="Seq2SeqAttentionKind.LuongGeneral"/>.</param>
    /// <param name="cell">The recurrent cell. Default <see cref="RecurrentCellKind.Gru"/>.</param>
    /// <param name="hiddenSize">H. Default 64.</param>
    /// <param name="seed">Seeds initialisation, dropout and teacher forcing. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or an enum is not a defined value.</exception>
    public Seq2SeqModel(int sourceVocabularySize, int targetVocabularySize, Seq2SeqAttentionKind attention = Seq2SeqAttentionKind.LuongGeneral,
        RecurrentCellKind cell = RecurrentCellKind.Gru, int hiddenSize = 64, long seed = 0)
        : this(new Seq2SeqOptions
        {
            SourceVocabularySize = sourceVocabularySize,
            TargetVocabularySize = targetVocabularySize,
            Attention = attention,
            Cell = cell,
            HiddenSize = hiddenSize,
            Seed = seed,
        })
    {
    }

    /// <summary>The architecture.</summary>
    public Seq2SeqOptions Options { get; }

    /// <summary>The encoder, <c>encoder</c>.</summary>
    public Seq2SeqEncoder Encoder { get; }

    /// <summary>The decoder, <c>decoder</c>.</summary>
    public Seq2SeqDecoder Decoder { get; }

    /// <summary>
    /// Encodes the sources and decodes T steps, feeding at step 0 the token target[n, 0] (BOS) and at step t &gt; 0,
    /// with probability <paramref name="teacherForcingRatio"/>, the ground truth target[n, t], else the model's own
    /// prediction argmax(logits[n, t − 1]) (chosen independently per sequence and step).
    /// </summary>
    /// <param name="source">(N, S) source token ids in [0, V_src), padded past each length.</param>
    /// <param name="sourceLengths">N lengths, each in [1, S].</param>
    /// <param name="target">(N, T) decoder inputs in [0, V_tgt): BOS then the target sequence (padded), i.e. the targets
    /// shifted right; the labels for the loss are the targets followed by EOS.</param>
    /// <param name="teacherForcingRatio">The probability of feeding the ground truth, in [0, 1]. 1 (default) is pure
    /// teacher forcing, where the logits do not depend on the model's own predictions; 0 always feeds the argmax.</param>
    /// <param name="generator">Draws the teacher-forcing coin when 0 &lt; ratio &lt; 1 (N numbers per step after the
    /// first); default the model's own generator (seeded from <see cref="Seq2SeqOptions.Seed"/>, saved in checkpoints as
    /// <c>teacher_forcing</c>). Not used for ratio 0 or 1.</param>
    /// <returns>Logits (N, T, V_tgt) and attention maps (N, T, S) (null without attention).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="source"/> or <paramref name="target"/> has a zero size, or <paramref name="target"/> has another N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id is out of its vocabulary (the message gives the argument and position), a length is outside [1, S], or the ratio is outside [0, 1].</exception>
    /// <exception cref="ArgumentException"><paramref name="sourceLengths"/> does not hold N values.</exception>
    public Seq2SeqOutput Forward(int[,] source, int[] sourceLengths, int[,] target, float teacherForcingRatio = 1f, RandomGenerator? generator = null)
    {
        if (!(teacherForcingRatio >= 0f && teacherForcingRatio <= 1f))
        {
            ThrowHelper.OutOfRange(nameof(teacherForcingRatio), teacherForcingRatio, "a probability in [0, 1]");
        }
        TokenChecks.Matrix(source, nameof(source), Options.SourceVocabularySize, "the source vocabulary");
        TokenChecks.Matrix(target, nameof(target), Options.TargetVocabularySize, "the target vocabulary", source.GetLength(0));
        Seq2SeqEncoderOutput encoded = Encoder.Forward(source, sourceLengths);
        Seq2SeqDecoderState state = Decoder.InitialState(encoded);
        int batch = target.GetLength(0), steps = target.GetLength(1);
        if (teacherForcingRatio == 1f && Decoder.RunsAllStepsAtOnce)
        {
            var (logits, attention) = Decoder.ForwardAllSteps(TokenChecks.Flat(target), batch, steps, state, encoded.Outputs, encoded.SourceLengths);
            return new Seq2SeqOutput(logits, attention);
        }

        generator ??= _teacherForcing;
        var tokens = new int[batch];
        var logitSteps = new List<Tensor>(steps);
        var attentionSteps = new List<Tensor>(steps);
        for (int t = 0; t < steps; t++)
        {
            int[]? predicted = t > 0 && teacherForcingRatio < 1f ? ArgMaxRows(logitSteps[t - 1]) : null;
            for (int n = 0; n < batch; n++)
            {
                bool truth = predicted is null || (teacherForcingRatio > 0f && generator.NextSingle() < teacherForcingRatio);
                tokens[n] = truth ? target[n, t] : predicted![n];
            }
            Seq2SeqDecoderStep step = Decoder.Step(tokens, state, encoded.Outputs, encoded.SourceLengths);
            logitSteps.Add(step.Logits);
            if (step.Attention is not null)
            {
                attentionSteps.Add(step.Attention);
            }
            state = step.State;
        }
        return new Seq2SeqOutput(Tensor.Stack(logitSteps, 1), attentionSteps.Count == 0 ? null : Tensor.Stack(attentionSteps, 1));
    }

    /// <summary>
    /// Greedy decoding: at every step each source takes its most probable next token (the smallest id among ties),
    /// starting from <paramref name="bos"/>, until it emits <paramref name="eos"/> or has taken <paramref name="maxLength"/> steps.
    /// Runs without recording gradients.
    /// </summary>
    /// <param name="source">(N, S) source token ids in [0, V_src).</param>
    /// <param name="sourceLengths">N lengths, each in [1, S].</param>
    /// <param name="bos">The begin-of-sequence id fed at the first step, in [0, V_tgt).</param>
    /// <param name="eos">The end-of-sequence id, in [0, V_tgt).</param>
    /// <param name="maxLength">The most decoding steps (EOS included), at least 1.</param>
    /// <returns>One hypothesis per source, in order: tokens without BOS and EOS, log-probability (= score), attention (steps, S).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="source"/> has a zero size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id, a length, <paramref name="bos"/>, <paramref name="eos"/> or <paramref name="maxLength"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="sourceLengths"/> does not hold N values.</exception>
    public IReadOnlyList<Seq2SeqHypothesis> GreedyDecode(int[,] source, int[] sourceLengths, int bos, int eos, int maxLength)
    {
        Seq2SeqEncoderOutput encoded = EncodeForSearch(source, sourceLengths, bos, eos, maxLength);
        return GreedySearch.Run(Decoder, encoded, bos, eos, maxLength);
    }

    /// <summary>
    /// Beam search for the most probable target of each source: keeps the <paramref name="beamWidth"/> best partial
    /// hypotheses per source at every step and returns the best finished (or, at <paramref name="maxLength"/>,
    /// unfinished) one by score = log P(Y | X) / lp(|Y|), with the GNMT length penalty lp(|Y|) = ((5 + |Y|)/6)^α and
    /// |Y| the decoding steps including the EOS. All sources are searched together; runs without recording gradients.
    /// </summary>
    /// <param name="source">(N, S) source token ids in [0, V_src).</param>
    /// <param name="sourceLengths">N lengths, each in [1, S].</param>
    /// <param name="bos">The begin-of-sequence id fed at the first step, in [0, V_tgt).</param>
    /// <param name="eos">The end-of-sequence id, in [0, V_tgt).</param>
    /// <param name="beamWidth">K: hypotheses kept per source, at least 1. With K = 1 the result equals <see cref="GreedyDecode"/> (for α = 0).</param>
    /// <param name="maxLength">The most decoding steps (EOS included), at least 1.</param>
    /// <param name="lengthPenalty">α ≥ 0: 0 (default) ranks by log-probability alone; larger values favour longer outputs (GNMT uses 0.6–1).</param>
    /// <returns>The best hypothesis per source, in order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="source"/> has a zero size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id, a length, <paramref name="bos"/>, <paramref name="eos"/>, <paramref name="beamWidth"/>, <paramref name="maxLength"/> or <paramref name="lengthPenalty"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="sourceLengths"/> does not hold N values.</exception>
    public IReadOnlyList<Seq2SeqHypothesis> BeamSearch(int[,] source, int[] sourceLengths, int bos, int eos, int beamWidth, int maxLength, float lengthPenalty = 0f)
        => [.. BeamSearchNBest(source, sourceLengths, bos, eos, beamWidth, maxLength, 1, lengthPenalty).Select(list => list[0])];

    /// <summary>
    /// Beam search returning the <paramref name="count"/> best hypotheses per source, best first (see <see cref="BeamSearch"/>).
    /// </summary>
    /// <param name="source">(N, S) source token ids in [0, V_src).</param>
    /// <param name="sourceLengths">N lengths, each in [1, S].</param>
    /// <param name="bos">The begin-of-sequence id, in [0, V_tgt).</param>
    /// <param name="eos">The end-of-sequence id, in [0, V_tgt).</param>
    /// <param name="beamWidth">K: hypotheses kept per source, at least 1.</param>
    /// <param name="maxLength">The most decoding steps (EOS included), at least 1.</param>
    /// <param name="count">How many hypotheses to return per source, in [1, K]; fewer when fewer distinct sequences exist.</param>
    /// <param name="lengthPenalty">α ≥ 0 of the GNMT length penalty. Default 0 (none).</param>
    /// <returns>Per source, its best hypotheses by descending score.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="source"/> has a zero size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token id, a length, <paramref name="bos"/>, <paramref name="eos"/>, <paramref name="beamWidth"/>, <paramref name="maxLength"/>, <paramref name="count"/> or <paramref name="lengthPenalty"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="sourceLengths"/> does not hold N values.</exception>
    public IReadOnlyList<IReadOnlyList<Seq2SeqHypothesis>> BeamSearchNBest(int[,] source, int[] sourceLengths, int bos, int eos, int beamWidth,
        int maxLength, int count, float lengthPenalty = 0f)
    {
        if (beamWidth < 1)
        {
            ThrowHelper.OutOfRange(nameof(beamWidth), beamWidth, "a beam width of at least 1");
        }
        if (count < 1 || count > beamWidth)
        {
            ThrowHelper.OutOfRange(nameof(count), count, $"a count in [1, beamWidth={beamWidth}]");
        }
        if (!(lengthPenalty >= 0f && float.IsFinite(lengthPenalty)))
        {
            ThrowHelper.OutOfRange(nameof(lengthPenalty), lengthPenalty, "a finite length penalty α ≥ 0");
        }
        Seq2SeqEncoderOutput encoded = EncodeForSearch(source, sourceLengths, bos, eos, maxLength);
        return Nn.BeamSearch.Run(Decoder, encoded, bos, eos, beamWidth, maxLength, count, lengthPenalty);
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"Seq2SeqModel(cell={Options.Cell}, attention={Options.Attention}, E={Options.EmbeddingSize}, H={Options.HiddenSize}, " +
           $"num_layers={Options.NumLayers}, bidirectional_encoder={Options.BidirectionalEncoder.ToString().ToLowerInvariant()}, " +
           $"V_src={Options.SourceVocabularySize}, V_tgt={Options.TargetVocabularySize})";

    /// <summary>Validates the decoding arguments and encodes the sources without recording gradients.</summary>
    private Seq2SeqEncoderOutput EncodeForSearch(int[,] source, int[] sourceLengths, int bos, int eos, int maxLength)
    {
        TokenChecks.Id(bos, nameof(bos), Options.TargetVocabularySize);
        TokenChecks.Id(eos, nameof(eos), Options.TargetVocabularySize);
        if (maxLength < 1)
        {
            ThrowHelper.OutOfRange(nameof(maxLength), maxLength, "a maximum length of at least 1 step");
        }
        using var noGrad = Autograd.GradMode.NoGrad();
        return Encoder.Forward(source, sourceLengths);
    }

    /// <summary>The first index of the largest value of each row of (N, V) logits.</summary>
    private static int[] ArgMaxRows(Tensor logits)
    {
        int rows = logits.Size(0), columns = logits.Size(1);
        ReadOnlySpan<float> values = logits.Contiguous().Span;
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            result[r] = DecodingStep.ArgMax(values.Slice(r * columns, columns));
        }
        return result;
    }
}
