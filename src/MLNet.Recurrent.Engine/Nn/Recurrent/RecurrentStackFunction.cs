using System.Buffers;
using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A whole recurrent stack (all layers and directions, with inter-layer dropout) as ONE autograd node with three
/// outputs: output, h_n, c_n. Forward runs <see cref="RecurrentKernel{TCell}"/> per layer and direction; backward,
/// right below it, runs the matching backward passes in reverse layer order.
/// </summary>
/// <remarks>
/// Inputs and outputs stay in the caller's layout (batch-first included); nothing is transposed or copied. When no
/// gradient is recorded (no-grad scope, or nothing requires grad) the kernels keep no caches and the only allocations
/// are the three results. When one is, the caches live in a <see cref="RecurrentStackWorkspace"/> rented from the
/// layer's <see cref="RecurrentWorkspacePool"/>, and backward returns gradients in the workspace's buffers.
/// </remarks>
internal sealed class RecurrentStackFunction<TCell> : Node, IRecurrentWorkspaceLease
    where TCell : IRecurrentCell
{
    private readonly RecurrentStackArguments _arguments;
    private readonly SequenceSchedule _schedule;
    private readonly RowLayout _layout;
    private readonly int _h0Index, _c0Index, _firstParameterIndex;

    // Saved by forward (recorded calls only): the layer-0 input as read (the input tensor's own storage when it is
    // contiguous), and in the workspace, per layer and direction the kernel cache, per layer below the top its output,
    // dropout mask (scaled by 1/(1−p)) and masked output.
    private ReadOnlyMemory<float> _input;
    private RecurrentStackWorkspace? _workspace;
    private bool _released, _finished;

    private RecurrentStackFunction(RecurrentStackArguments arguments, SequenceSchedule schedule, Tensor[] inputs,
        int h0Index, int c0Index, int firstParameterIndex)
        : base(inputs)
    {
        _arguments = arguments;
        _schedule = schedule;
        _layout = RowLayout.For(arguments.BatchFirst, schedule.Steps, schedule.Batch);
        _h0Index = h0Index;
        _c0Index = c0Index;
        _firstParameterIndex = firstParameterIndex;
    }

    public override int OutputCount => 3;

    public override string Name => typeof(TCell) == typeof(LstmCell) ? "LstmBackward"
        : typeof(TCell) == typeof(GruCell) ? "GruBackward" : "RnnBackward";

    /// <summary>Runs the stack; returns (output, h_n, c_n or null).</summary>
    public static RecurrentOutput Apply(RecurrentStackArguments a)
    {
        Tensor input = a.Input;
        int steps = input.Size(a.BatchFirst ? 1 : 0), batch = input.Size(a.BatchFirst ? 0 : 1);
        SequenceSchedule schedule = a.Lengths is null
            ? SequenceSchedule.Full(steps, batch)
            : SequenceSchedule.FromLengths(a.Lengths, steps, batch, "lengths");

        int parameterCount = a.InputWeights.Length * (a.InputBiases[0] is null ? 2 : 4);
        var inputs = new Tensor[1 + (a.H0 is null ? 0 : 1) + (a.C0 is null ? 0 : 1) + parameterCount];
        int count = 0, h0Index = -1, c0Index = -1;
        inputs[count++] = input;
        if (a.H0 is not null)
        {
            h0Index = count;
            inputs[count++] = a.H0;
        }
        if (a.C0 is not null)
        {
            c0Index = count;
            inputs[count++] = a.C0;
        }
        int firstParameterIndex = count;
        for (int k = 0; k < a.InputWeights.Length; k++)
        {
            inputs[count++] = a.InputWeights[k];
            inputs[count++] = a.HiddenWeights[k];
            if (a.InputBiases[k] is { } bIh)
            {
                inputs[count++] = bIh;
                inputs[count++] = a.HiddenBiases[k]!;
            }
        }
        var node = new RecurrentStackFunction<TCell>(a, schedule, inputs, h0Index, c0Index, firstParameterIndex);
        return node.Forward();
    }

    /// <inheritdoc/>
    public RecurrentStackWorkspace? Release()
    {
        RecurrentStackWorkspace? workspace = _workspace;
        _workspace = null;
        _input = default;
        _released = true;
        return workspace;
    }

    private RecurrentOutput Forward()
    {
        var a = _arguments;
        int steps = _schedule.Steps, batch = _schedule.Batch, hidden = a.HiddenSize, directions = a.Directions;
        int outputWidth = directions * hidden;
        int stateSize = batch * hidden;
        bool recording = GradMode.IsEnabled && AnyInputRequiresGrad();
        bool padded = !_schedule.IsFull;
        ReadOnlySpan<float> h0 = a.H0 is null ? default : a.H0.ContiguousValues();
        ReadOnlySpan<float> c0 = a.C0 is null ? default : a.C0.ContiguousValues();
        float[] hN = GC.AllocateUninitializedArray<float>(a.NumLayers * directions * stateSize);
        float[] cN = TCell.HasCellState ? GC.AllocateUninitializedArray<float>(a.NumLayers * directions * stateSize) : [];
        ReadOnlyMemory<float> input = a.Input.IsContiguous
            ? new ReadOnlyMemory<float>(a.Input.Storage, a.Input.Offset, a.Input.Count)
            : a.Input.ToArray();
        RecurrentStackWorkspace? workspace = recording ? a.WorkspacePool?.Rent() ?? new RecurrentStackWorkspace() : null;
        if (recording)
        {
            _input = input;
            _workspace = workspace;
        }

        // Without a workspace, layers below the top write into two alternating pooled buffers.
        int layerSize = steps * batch * outputWidth;
        float[][] transient = workspace is null && a.NumLayers > 1
            ? [ArrayPool<float>.Shared.Rent(layerSize), ArrayPool<float>.Shared.Rent(layerSize)]
            : [];
        float[] output = [];
        try
        {
            ReadOnlySpan<float> layerInput = input.Span;
            for (int layer = 0; layer < a.NumLayers; layer++)
            {
                bool top = layer == a.NumLayers - 1;
                int layerInputSize = layer == 0 ? a.InputSize : outputWidth;
                float[] layerOutput = top
                    ? (padded ? new float[layerSize] : GC.AllocateUninitializedArray<float>(layerSize))
                    : workspace?.LayerOutput(layer, layerSize) ?? transient[layer % 2];
                if (!top && padded)
                {
                    // Padded positions are never written and must read as zeros (outputs, and ∂W_ih in backward).
                    layerOutput.AsSpan(0, layerSize).Clear();
                }
                for (int d = 0; d < directions; d++)
                {
                    int k = layer * directions + d;
                    RecurrentKernel<TCell>.Forward(_schedule, d == 1, Weights(k, layerInputSize), _layout, layerInput,
                        StateSlice(h0, k, stateSize), StateSlice(c0, k, stateSize),
                        layerOutput, d * hidden, outputWidth,
                        hN.AsSpan(k * stateSize, stateSize), TCell.HasCellState ? cN.AsSpan(k * stateSize, stateSize) : default,
                        workspace?.Cache(k));
                }
                if (top)
                {
                    output = layerOutput;
                }
                else
                {
                    layerInput = a.Dropout > 0f ? ApplyDropout(layerOutput.AsSpan(0, layerSize), layer, workspace) : layerOutput.AsSpan(0, layerSize);
                }
            }
        }
        finally
        {
            foreach (float[] buffer in transient)
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }

        int[] outputShape = a.BatchFirst ? [batch, steps, outputWidth] : [steps, batch, outputWidth];
        var result = new Tensor(output, outputShape);
        var hiddenN = new Tensor(hN, [a.NumLayers * directions, batch, hidden]);
        Tensor? cellN = TCell.HasCellState ? new Tensor(cN, [a.NumLayers * directions, batch, hidden]) : null;
        if (recording)
        {
            result.SetGradFn(this, 0);
            hiddenN.SetGradFn(this, 1);
            cellN?.SetGradFn(this, 2);
        }
        return new RecurrentOutput(result, hiddenN, cellN);
    }

    // Forward ran layers bottom-up and, within a layer, each direction over the shared layer input; so backward
    // runs layers top-down, sums both directions' ∂(layer input), and passes it through the dropout mask below.
    public override Tensor?[] Backward(Tensor?[] outputGradients)
    {
        if (_released || _workspace is not { } workspace)
        {
            ThrowHelper.InvalidOperation($"{Name}: the buffers this call saved for backward were reused by a later forward of the same layer, after a backward pass through this call. Run every backward through a recurrent layer's output before calling the layer again.");
            return [];
        }
        var a = _arguments;
        int steps = _schedule.Steps, batch = _schedule.Batch, hidden = a.HiddenSize, directions = a.Directions;
        int outputWidth = directions * hidden;
        int stateSize = batch * hidden;
        var gradients = new Tensor?[Inputs.Length];

        ReadOnlySpan<float> outputGradient = outputGradients[0] is { } dOut ? dOut.ContiguousValues() : default;
        ReadOnlySpan<float> hNGradient = outputGradients[1] is { } dHn ? dHn.ContiguousValues() : default;
        ReadOnlySpan<float> cNGradient = outputGradients[2] is { } dCn ? dCn.ContiguousValues() : default;
        float[] h0Gradient = _h0Index >= 0 && NeedsGrad(_h0Index) ? new float[a.NumLayers * directions * stateSize] : [];
        float[] c0Gradient = _c0Index >= 0 && NeedsGrad(_c0Index) ? new float[a.NumLayers * directions * stateSize] : [];
        Tensor[] parameterGradients = workspace.ParameterGradients(Inputs.AsSpan(_firstParameterIndex));
        int parametersPerDirection = a.InputBiases[0] is null ? 2 : 4;
        HiddenStateGradientNorms? norms = a.HiddenGradientNormsSink is null ? null : new HiddenStateGradientNorms(a.NumLayers, directions, steps);

        for (int layer = a.NumLayers - 1; layer >= 0; layer--)
        {
            int layerInputSize = layer == 0 ? a.InputSize : outputWidth;
            int layerInputLength = steps * batch * layerInputSize;
            bool needInputGradient = layer > 0 || NeedsGrad(0);
            float[] layerInputGradient = needInputGradient ? workspace.InputGradient(layer % 2, layerInputLength) : [];
            Span<float> layerInputGradientSpan = layerInputGradient.AsSpan(0, needInputGradient ? layerInputLength : 0);
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                int p = k * parametersPerDirection;
                var grads = new RecurrentDirectionGradients(
                    parameterGradients[p].Span, parameterGradients[p + 1].Span,
                    parametersPerDirection == 4 ? parameterGradients[p + 2].Span : default,
                    parametersPerDirection == 4 ? parameterGradients[p + 3].Span : default);
                RecurrentKernel<TCell>.Backward(_schedule, d == 1, Weights(k, layerInputSize), _layout, LayerInput(layer, workspace),
                    workspace.Cache(k), outputGradient, d * hidden, outputWidth,
                    StateSlice(hNGradient, k, stateSize), StateSlice(cNGradient, k, stateSize),
                    layerInputGradientSpan, d == 0, grads,
                    h0Gradient.Length == 0 ? default : h0Gradient.AsSpan(k * stateSize, stateSize),
                    c0Gradient.Length == 0 ? default : c0Gradient.AsSpan(k * stateSize, stateSize),
                    norms is null ? default : norms.Buffer(k));
            }
            if (layer > 0)
            {
                if (a.Dropout > 0f)
                {
                    ReadOnlySpan<float> mask = workspace.DropoutMask(layer - 1, layerInputLength).AsSpan(0, layerInputLength);
                    TensorPrimitives.Multiply(layerInputGradientSpan, mask, layerInputGradientSpan);
                }
                outputGradient = layerInputGradientSpan;
            }
            else if (needInputGradient)
            {
                Tensor x = Inputs[0];
                gradients[0] = new Tensor(layerInputGradient, 0, x.ShapeArray, ShapeText.ContiguousStrides(x.ShapeArray), x.Device);
            }
        }

        if (norms is not null)
        {
            a.HiddenGradientNormsSink!(norms);
        }
        if (h0Gradient.Length > 0)
        {
            gradients[_h0Index] = new Tensor(h0Gradient, Inputs[_h0Index].ShapeArray);
        }
        if (c0Gradient.Length > 0)
        {
            gradients[_c0Index] = new Tensor(c0Gradient, Inputs[_c0Index].ShapeArray);
        }
        for (int p = 0; p < parameterGradients.Length; p++)
        {
            gradients[_firstParameterIndex + p] = NeedsGrad(_firstParameterIndex + p) ? parameterGradients[p] : null;
        }
        if (!_finished)
        {
            _finished = true;
            a.WorkspacePool?.Finished(this);
        }
        return gradients;
    }

    private bool AnyInputRequiresGrad()
    {
        foreach (Tensor input in Inputs)
        {
            if (input.RequiresGrad)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What layer <paramref name="layer"/> read in forward: the stack's input, or the layer below's (masked) output.</summary>
    private ReadOnlySpan<float> LayerInput(int layer, RecurrentStackWorkspace workspace)
    {
        if (layer == 0)
        {
            return _input.Span;
        }
        int length = _schedule.Steps * _schedule.Batch * _arguments.Directions * _arguments.HiddenSize;
        float[] source = _arguments.Dropout > 0f ? workspace.DroppedInput(layer - 1, length) : workspace.LayerOutput(layer - 1, length);
        return source.AsSpan(0, length);
    }

    private RecurrentDirectionWeights Weights(int k, int layerInputSize)
    {
        var a = _arguments;
        return new RecurrentDirectionWeights(
            a.InputWeights[k].Span, a.HiddenWeights[k].Span,
            a.InputBiases[k] is { } bIh ? bIh.Span : default,
            a.HiddenBiases[k] is { } bHh ? bHh.Span : default,
            layerInputSize, a.HiddenSize);
    }

    /// <summary>
    /// Inter-layer dropout on <paramref name="layerOutput"/>: with a workspace, the mask and the masked copy are kept
    /// for backward; without, the mask is applied in place. Either way the generator is drawn once per element, in order.
    /// </summary>
    private ReadOnlySpan<float> ApplyDropout(Span<float> layerOutput, int layer, RecurrentStackWorkspace? workspace)
    {
        float p = _arguments.Dropout;
        float scale = 1f / (1f - p);
        RandomGenerator generator = _arguments.Generator;
        if (workspace is null)
        {
            for (int i = 0; i < layerOutput.Length; i++)
            {
                layerOutput[i] *= generator.NextSingle() >= p ? scale : 0f;
            }
            return layerOutput;
        }
        Span<float> mask = workspace.DropoutMask(layer, layerOutput.Length).AsSpan(0, layerOutput.Length);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = generator.NextSingle() >= p ? scale : 0f;
        }
        Span<float> dropped = workspace.DroppedInput(layer, layerOutput.Length).AsSpan(0, layerOutput.Length);
        TensorPrimitives.Multiply(layerOutput, mask, dropped);
        return dropped;
    }

    private static ReadOnlySpan<float> StateSlice(ReadOnlySpan<float> states, int k, int stateSize)
        => states.IsEmpty ? default : states.Slice(k * stateSize, stateSize);
}
