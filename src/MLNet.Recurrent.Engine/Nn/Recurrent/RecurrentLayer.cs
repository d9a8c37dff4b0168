using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The shared base of <see cref="Rnn"/>, <see cref="Lstm"/> and <see cref="Gru"/> (PyTorch's RNNBase): builds the
/// parameters under PyTorch's names, validates inputs, and runs the whole stack as one fused autograd node.
/// </summary>
/// <remarks>
/// <para>Dimension legend: L sequence length, N batch, D = 2 if bidirectional else 1, H_in input size,
/// H_out hidden size, G gates (1 Rnn, 4 Lstm, 3 Gru).</para>
/// <para>Parameters, for layer k and suffix "" or "_reverse": <c>weight_ih_l{k}</c> (G·H_out, H_in) for k = 0 else
/// (G·H_out, D·H_out); <c>weight_hh_l{k}</c> (G·H_out, H_out); <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c> (G·H_out) when
/// bias is on. Default initialisation U(−1/√H_out, 1/√H_out), like PyTorch.</para>
/// </remarks>
public abstract partial class RecurrentLayer : Module
{
    private readonly Tensor[] _inputWeights;
    private readonly Tensor[] _hiddenWeights;
    private readonly Tensor?[] _inputBiases;
    private readonly Tensor?[] _hiddenBiases;
    private readonly Func<RecurrentStackArguments, RecurrentOutput> _apply;
    private readonly RandomGenerator _generator;
    private readonly RecurrentWorkspacePool _workspaces = new();

    /// <summary>Builds the layer; see the derived classes for the meaning of each argument.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or dropout is outside [0, 1).</exception>
    private protected RecurrentLayer(RecurrentCellKind cell, int inputSize, int hiddenSize, int numLayers, bool bias,
        bool batchFirst, float dropout, bool bidirectional, RecurrentInitialization initialization, RandomGenerator? generator)
    {
        if (inputSize < 1)
        {
            ThrowHelper.OutOfRange(nameof(inputSize), inputSize, "a positive input size H_in");
        }
        if (hiddenSize < 1)
        {
            ThrowHelper.OutOfRange(nameof(hiddenSize), hiddenSize, "a positive hidden size H_out");
        }
        if (numLayers < 1)
        {
            ThrowHelper.OutOfRange(nameof(numLayers), numLayers, "at least 1 layer");
        }
        if (!(dropout >= 0f && dropout < 1f))
        {
            ThrowHelper.OutOfRange(nameof(dropout), dropout, "a probability in [0, 1)");
        }
        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        _generator = generator ?? new RandomGenerator(0);
        RegisterGenerator("generator", _generator);
        _apply = cell switch
        {
            RecurrentCellKind.RnnTanh => RecurrentStackFunction<ElmanCell<TanhActivation>>.Apply,
            RecurrentCellKind.RnnRelu => RecurrentStackFunction<ElmanCell<ReluActivation>>.Apply,
            RecurrentCellKind.Lstm => RecurrentStackFunction<LstmCell>.Apply,
            RecurrentCellKind.Gru => RecurrentStackFunction<GruCell>.Apply,
            _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "cell: unknown recurrent cell kind."),
        };

        int directions = Directions;
        int gateWidth = GateCount * hiddenSize;
        _inputWeights = new Tensor[numLayers * directions];
        _hiddenWeights = new Tensor[numLayers * directions];
        _inputBiases = new Tensor?[numLayers * directions];
        _hiddenBiases = new Tensor?[numLayers * directions];
        float bound = 1f / MathF.Sqrt(hiddenSize);
        for (int layer = 0; layer < numLayers; layer++)
        {
            int layerInputSize = layer == 0 ? inputSize : directions * hiddenSize;
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                string suffix = $"_l{layer}" + (d == 1 ? "_reverse" : "");
                _inputWeights[k] = RegisterParameter("weight_ih" + suffix, Tensor.Zeros(gateWidth, layerInputSize));
                _hiddenWeights[k] = RegisterParameter("weight_hh" + suffix, Tensor.Zeros(gateWidth, hiddenSize));
                if (bias)
                {
                    _inputBiases[k] = RegisterParameter("bias_ih" + suffix, Tensor.Zeros(gateWidth));
                    _hiddenBiases[k] = RegisterParameter("bias_hh" + suffix, Tensor.Zeros(gateWidth));
                }
            }
        }
        foreach (Tensor parameter in Parameters())
        {
            Init.Uniform(parameter, _generator, -bound, bound);
        }
        if (initialization == RecurrentInitialization.Orthogonal)
        {
            foreach (Tensor weight in _hiddenWeights)
            {
                for (int gate = 0; gate < GateCount; gate++)
                {
                    Init.Orthogonal(weight.Span.Slice(gate * hiddenSize * hiddenSize, hiddenSize * hiddenSize), hiddenSize, _generator);
                }
            }
        }
    }

    /// <summary>The cell this layer runs.</summary>
    public RecurrentCellKind Cell { get; }

    /// <summary>H_in: features per input step.</summary>
    public int InputSize { get; }

    /// <summary>H_out: features of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether the layers have b_ih and b_hh.</summary>
    public bool Bias { get; }

    /// <summary>Whether input and output are (N, L, ·) rather than (L, N, ·). States are always (D·num_layers, N, H_out).</summary>
    public bool BatchFirst { get; }

    /// <summary>The dropout probability on each layer's output except the last's, in training mode.</summary>
    public float Dropout { get; }

    /// <summary>Whether each layer also runs from the last step to the first.</summary>
    public bool Bidirectional { get; }

    /// <summary>D: 2 when bidirectional, else 1.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>G: the gate count of the cell.</summary>
    public int GateCount => Cell switch
    {
        RecurrentCellKind.Lstm => 4,
        RecurrentCellKind.Gru => 3,
        _ => 1,
    };

    /// <summary>
    /// When true, every backward pass through this layer records the per-step gradient norm profile
    /// ‖∂L/∂h_t‖ into <see cref="LastHiddenStateGradientNorms"/>. Costs one extra pass over ∂L/∂h per step. Default false.
    /// </summary>
    public bool RecordHiddenStateGradientNorms { get; set; }

    /// <summary>The profile recorded by the most recent backward pass (when <see cref="RecordHiddenStateGradientNorms"/> was on), else null.</summary>
    public HiddenStateGradientNorms? LastHiddenStateGradientNorms { get; private set; }

    /// <summary>
    /// The spectral norm ‖W_hh‖₂ (largest singular value, by power iteration) of each layer and direction's
    /// hidden-to-hidden weights, whole (G·H_out × H_out) and per gate block (H_out × H_out). With ‖W_hh‖₂ &lt; 1
    /// (and a contracting non-linearity) gradients through time vanish; well above 1 they can explode.
    /// </summary>
    /// <returns>One entry per layer and direction, in parameter order.</returns>
    public IReadOnlyList<HiddenWeightSpectralNorm> HiddenWeightSpectralNorms()
    {
        var result = new List<HiddenWeightSpectralNorm>(_hiddenWeights.Length);
        int hidden = HiddenSize;
        for (int k = 0; k < _hiddenWeights.Length; k++)
        {
            ReadOnlySpan<float> weight = _hiddenWeights[k].Span;
            var perGate = new float[GateCount];
            for (int gate = 0; gate < GateCount; gate++)
            {
                perGate[gate] = SpectralNorm.Estimate(weight.Slice(gate * hidden * hidden, hidden * hidden), hidden, hidden);
            }
            result.Add(new HiddenWeightSpectralNorm(k / Directions, k % Directions,
                SpectralNorm.Estimate(weight, GateCount * hidden, hidden), perGate));
        }
        return result;
    }

    /// <summary>
    /// Runs the layer over a batch of sequences, whatever its cell: this is <see cref="Lstm"/>'s forward, and for
    /// <see cref="Rnn"/> and <see cref="Gru"/> the same call as their own <c>Forward</c> with c0 = null.
    /// </summary>
    /// <param name="input">(L, N, H_in), or (N, L, H_in) when batch-first.</param>
    /// <param name="h0">Initial hidden state (D·num_layers, N, H_out); zeros when null.</param>
    /// <param name="c0">Initial cell state (D·num_layers, N, H_out) for an LSTM; must be null for other cells.</param>
    /// <param name="lengths">Optional per-sequence lengths (N values in [1, L]).</param>
    /// <returns>The output sequence (L, N, D·H_out) (batch-first: (N, L, D·H_out)), h_n (D·num_layers, N, H_out), and c_n (same shape) for an LSTM.</returns>
    /// <exception cref="TensorShapeException">input, h0 or c0 has the wrong shape.</exception>
    /// <exception cref="ArgumentException">c0 is given for a cell without cell state, or lengths has a count other than N.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is outside [1, L].</exception>
    public RecurrentOutput Forward(Tensor input, Tensor? h0 = null, Tensor? c0 = null, int[]? lengths = null)
    {
        if (c0 is not null && Cell != RecurrentCellKind.Lstm)
        {
            ThrowHelper.Argument(nameof(c0), $"expected null: {GetType().Name} ({Cell}) has no cell state, got a tensor of shape {ShapeText.Format(c0.Shape)}.");
        }
        return ForwardCore(input, h0, c0, lengths);
    }

    /// <summary>Validates the arguments and runs the fused stack.</summary>
    private protected RecurrentOutput ForwardCore(Tensor input, Tensor? h0, Tensor? c0, int[]? lengths)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        string layout = BatchFirst ? "N, L" : "L, N";
        if (input.Rank != 3 || input.Size(2) != InputSize)
        {
            ThrowHelper.Shape(nameof(input), $"({layout}, H_in={InputSize}) for {GetType().Name}(input_size={InputSize}, batch_first={BatchFirst.ToString().ToLowerInvariant()})", input.Shape);
        }
        int steps = input.Size(BatchFirst ? 1 : 0), batch = input.Size(BatchFirst ? 0 : 1);
        if (steps < 1 || batch < 1)
        {
            ThrowHelper.Shape(nameof(input), $"({layout}, H_in={InputSize}) with L ≥ 1 and N ≥ 1", input.Shape);
        }
        CheckState(h0, nameof(h0), batch, input.Device);
        CheckState(c0, nameof(c0), batch, input.Device);
        if (!input.Device.Equals(_inputWeights[0].Device))
        {
            ThrowHelper.Argument(nameof(input), $"expected a tensor on {_inputWeights[0].Device}, got one on {input.Device}.");
        }
        if (lengths is not null)
        {
            // Validates count and range with messages naming `lengths`.
            _ = SequenceSchedule.FromLengths(lengths, steps, batch, nameof(lengths));
        }
        return _apply(new RecurrentStackArguments
        {
            Input = input,
            H0 = h0,
            C0 = c0,
            InputWeights = _inputWeights,
            HiddenWeights = _hiddenWeights,
            InputBiases = _inputBiases,
            HiddenBiases = _hiddenBiases,
            Lengths = lengths,
            InputSize = InputSize,
            HiddenSize = HiddenSize,
            NumLayers = NumLayers,
            Directions = Directions,
            BatchFirst = BatchFirst,
            Dropout = IsTraining ? Dropout : 0f,
            Generator = _generator,
            WorkspacePool = _workspaces,
            HiddenGradientNormsSink = RecordHiddenStateGradientNorms ? norms => LastHiddenStateGradientNorms = norms : null,
        });
    }

    private void CheckState(Tensor? state, string name, int batch, Device device)
    {
        if (state is null)
        {
            return;
        }
        int layers = Directions * NumLayers;
        if (state.Rank != 3 || state.Size(0) != layers || state.Size(1) != batch || state.Size(2) != HiddenSize)
        {
            ThrowHelper.Shape(name, $"(D·num_layers={layers}, N={batch}, H_out={HiddenSize})", state.Shape);
        }
        if (!state.Device.Equals(device))
        {
            ThrowHelper.Argument(name, $"expected a tensor on {device}, got one on {state.Device}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"{GetType().Name}({InputSize}, {HiddenSize}, num_layers={NumLayers}, bias={Bias.ToString().ToLowerInvariant()}, batch_first={BatchFirst.ToString().ToLowerInvariant()}, dropout={Dropout}, bidirectional={Bidirectional.ToString().ToLowerInvariant()})";
}
