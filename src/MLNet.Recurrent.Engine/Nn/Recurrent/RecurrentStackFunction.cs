using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A whole recurrent stack (all layers and directions, with inter-layer dropout) as ONE autograd node with three
/// outputs: output, h_n, c_n. Forward runs <see cref="RecurrentKernel{TCell}"/> per layer and direction; backward,
/// right below it, runs the matching backward passes in reverse layer order.
/// </summary>
internal sealed class RecurrentStackFunction<TCell> : Node
    where TCell : IRecurrentCell
{
    private readonly RecurrentStackArguments _arguments;
    private readonly SequenceSchedule _schedule;
    private readonly int _h0Index, _c0Index, _firstParameterIndex;

    // Saved by forward, per layer l: the time-major input it read ([L·N, H_in(l)], after dropout for l > 0),
    // per layer and direction: the kernel cache; per layer below the top: the dropout mask (scaled by 1/(1−p)).
    private readonly float[][] _layerInputs;
    private readonly RecurrentDirectionCache[] _caches;
    private readonly float[]?[] _dropoutMasks;

    private RecurrentStackFunction(RecurrentStackArguments arguments, SequenceSchedule schedule, Tensor[] inputs,
        int h0Index, int c0Index, int firstParameterIndex)
        : base(inputs)
    {
        _arguments = arguments;
        _schedule = schedule;
        _h0Index = h0Index;
        _c0Index = c0Index;
        _firstParameterIndex = firstParameterIndex;
        _layerInputs = new float[arguments.NumLayers][];
        _caches = new RecurrentDirectionCache[arguments.NumLayers * arguments.Directions];
        _dropoutMasks = new float[]?[arguments.NumLayers];
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

        var inputs = new List<Tensor> { input };
        int h0Index = -1, c0Index = -1;
        if (a.H0 is not null)
        {
            h0Index = inputs.Count;
            inputs.Add(a.H0);
        }
        if (a.C0 is not null)
        {
            c0Index = inputs.Count;
            inputs.Add(a.C0);
        }
        int firstParameterIndex = inputs.Count;
        for (int k = 0; k < a.InputWeights.Length; k++)
        {
            inputs.Add(a.InputWeights[k]);
            inputs.Add(a.HiddenWeights[k]);
            if (a.InputBiases[k] is { } bIh)
            {
                inputs.Add(bIh);
                inputs.Add(a.HiddenBiases[k]!);
            }
        }
        var node = new RecurrentStackFunction<TCell>(a, schedule, [.. inputs], h0Index, c0Index, firstParameterIndex);
        return node.Forward();
    }

    private RecurrentOutput Forward()
    {
        var a = _arguments;
        int steps = _schedule.Steps, batch = _schedule.Batch, hidden = a.HiddenSize, directions = a.Directions;
        int outputWidth = directions * hidden;
        int stateSize = batch * hidden;
        float[] h0 = a.H0?.Contiguous().ToArray() ?? [];
        float[] c0 = a.C0?.Contiguous().ToArray() ?? [];
        var hN = new float[a.NumLayers * directions * stateSize];
        float[] cN = TCell.HasCellState ? new float[a.NumLayers * directions * stateSize] : [];

        float[] layerInput = TimeMajor(a.Input, a.BatchFirst);
        float[] layerOutput = [];
        for (int layer = 0; layer < a.NumLayers; layer++)
        {
            _layerInputs[layer] = layerInput;
            int layerInputSize = layer == 0 ? a.InputSize : outputWidth;
            layerOutput = new float[steps * batch * outputWidth];
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                var cache = new RecurrentDirectionCache(steps, batch, hidden, TCell.SavedWidth, TCell.HasCellState);
                _caches[k] = cache;
                RecurrentKernel<TCell>.Forward(_schedule, d == 1, Weights(k, layerInputSize), layerInput,
                    StateSlice(h0, k, stateSize), StateSlice(c0, k, stateSize),
                    layerOutput, d * hidden, outputWidth,
                    hN.AsSpan(k * stateSize, stateSize), TCell.HasCellState ? cN.AsSpan(k * stateSize, stateSize) : default,
                    cache);
            }
            if (layer < a.NumLayers - 1)
            {
                layerInput = a.Dropout > 0f ? ApplyDropout(layerOutput, layer) : layerOutput;
            }
        }

        int[] outputShape = a.BatchFirst ? [batch, steps, outputWidth] : [steps, batch, outputWidth];
        var output = new Tensor(a.BatchFirst ? SwapLeadingAxes(layerOutput, steps, batch, outputWidth) : layerOutput, outputShape);
        var hidden_n = new Tensor(hN, [a.NumLayers * directions, batch, hidden]);
        Tensor? cell_n = TCell.HasCellState ? new Tensor(cN, [a.NumLayers * directions, batch, hidden]) : null;
        if (GradMode.IsEnabled && Inputs.Any(t => t.RequiresGrad))
        {
            output.SetGradFn(this, 0);
            hidden_n.SetGradFn(this, 1);
            cell_n?.SetGradFn(this, 2);
        }
        return new RecurrentOutput(output, hidden_n, cell_n);
    }

    // Forward ran layers bottom-up and, within a layer, each direction over the shared layer input; so backward
    // runs layers top-down, sums both directions' ∂(layer input), and passes it through the dropout mask below.
    public override Tensor?[] Backward(Tensor?[] outputGradients)
    {
        var a = _arguments;
        int steps = _schedule.Steps, batch = _schedule.Batch, hidden = a.HiddenSize, directions = a.Directions;
        int outputWidth = directions * hidden;
        int stateSize = batch * hidden;
        var gradients = new Tensor?[Inputs.Length];

        float[] outputGradient = outputGradients[0] is { } dOut ? TimeMajor(dOut, a.BatchFirst) : [];
        float[] hNGradient = outputGradients[1]?.Contiguous().ToArray() ?? [];
        float[] cNGradient = outputGradients[2]?.Contiguous().ToArray() ?? [];
        float[] h0Gradient = _h0Index >= 0 && NeedsGrad(_h0Index) ? new float[a.NumLayers * directions * stateSize] : [];
        float[] c0Gradient = _c0Index >= 0 && NeedsGrad(_c0Index) ? new float[a.NumLayers * directions * stateSize] : [];
        Tensor[] parameterGradients = new Tensor[Inputs.Length - _firstParameterIndex];
        for (int p = 0; p < parameterGradients.Length; p++)
        {
            parameterGradients[p] = Tensor.Zeros(Inputs[_firstParameterIndex + p].ShapeArray);
        }
        int parametersPerDirection = a.InputBiases[0] is null ? 2 : 4;
        HiddenStateGradientNorms? norms = a.HiddenGradientNormsSink is null ? null : new HiddenStateGradientNorms(a.NumLayers, directions, steps);

        for (int layer = a.NumLayers - 1; layer >= 0; layer--)
        {
            int layerInputSize = layer == 0 ? a.InputSize : outputWidth;
            bool needInputGradient = layer > 0 || NeedsGrad(0);
            float[] layerInputGradient = needInputGradient ? new float[steps * batch * layerInputSize] : [];
            for (int d = 0; d < directions; d++)
            {
                int k = layer * directions + d;
                int p = k * parametersPerDirection;
                var grads = new RecurrentDirectionGradients(
                    parameterGradients[p].Span, parameterGradients[p + 1].Span,
                    parametersPerDirection == 4 ? parameterGradients[p + 2].Span : default,
                    parametersPerDirection == 4 ? parameterGradients[p + 3].Span : default);
                RecurrentKernel<TCell>.Backward(_schedule, d == 1, Weights(k, layerInputSize), _layerInputs[layer], _caches[k],
                    outputGradient, d * hidden, outputWidth,
                    StateSlice(hNGradient, k, stateSize), StateSlice(cNGradient, k, stateSize),
                    layerInputGradient, grads,
                    h0Gradient.Length == 0 ? default : h0Gradient.AsSpan(k * stateSize, stateSize),
                    c0Gradient.Length == 0 ? default : c0Gradient.AsSpan(k * stateSize, stateSize),
                    norms is null ? default : norms.Buffer(k));
            }
            if (layer > 0)
            {
                if (_dropoutMasks[layer - 1] is { } mask)
                {
                    TensorPrimitives.Multiply(layerInputGradient, mask, layerInputGradient);
                }
                outputGradient = layerInputGradient;
            }
            else if (needInputGradient)
            {
                int[] shape = Inputs[0].ShapeArray;
                gradients[0] = new Tensor(a.BatchFirst ? SwapLeadingAxes(layerInputGradient, steps, batch, a.InputSize) : layerInputGradient, shape);
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
        return gradients;
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

    private float[] ApplyDropout(float[] layerOutput, int layer)
    {
        float p = _arguments.Dropout;
        float scale = 1f / (1f - p);
        var mask = new float[layerOutput.Length];
        RandomGenerator generator = _arguments.Generator;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = generator.NextSingle() >= p ? scale : 0f;
        }
        _dropoutMasks[layer] = mask;
        var dropped = new float[layerOutput.Length];
        TensorPrimitives.Multiply(layerOutput, mask, dropped);
        return dropped;
    }

    private static ReadOnlySpan<float> StateSlice(float[] states, int k, int stateSize)
        => states.Length == 0 ? default : states.AsSpan(k * stateSize, stateSize);

    /// <summary>The tensor's elements in time-major order [L, N, F] (a fresh array).</summary>
    private static float[] TimeMajor(Tensor tensor, bool batchFirst)
    {
        float[] values = tensor.Contiguous().ToArray();
        return batchFirst ? SwapLeadingAxes(values, tensor.Size(0), tensor.Size(1), tensor.Size(2)) : values;
    }

    /// <summary>[A, B, F] → [B, A, F].</summary>
    private static float[] SwapLeadingAxes(float[] source, int first, int second, int features)
    {
        var result = new float[source.Length];
        for (int i = 0; i < first; i++)
        {
            for (int j = 0; j < second; j++)
            {
                source.AsSpan((i * second + j) * features, features).CopyTo(result.AsSpan((j * first + i) * features, features));
            }
        }
        return result;
    }
}
