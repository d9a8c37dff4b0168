using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The buffers one recorded call of a recurrent stack keeps between its forward and its backward pass: the kernel
/// caches, the intermediate layers' outputs and dropout masks, and the gradients backward hands out. A
/// <see cref="RecurrentWorkspacePool"/> lends it to a <see cref="RecurrentStackFunction{TCell}"/> and takes it back for
/// a later call, so a steady-state training step allocates none of them. Buffers only grow; their contents are
/// stale between calls.
/// </summary>
internal sealed class RecurrentStackWorkspace
{
    private RecurrentDirectionCache[] _caches = [];
    private float[][] _layerOutputs = [];
    private float[][] _droppedInputs = [];
    private float[][] _dropoutMasks = [];
    private readonly float[][] _inputGradients = [[], []];
    private Tensor[] _parameterGradients = [];

    /// <summary>The kernel cache of layer·D + direction <paramref name="k"/>.</summary>
    public RecurrentDirectionCache Cache(int k)
    {
        if (_caches.Length <= k)
        {
            int old = _caches.Length;
            Array.Resize(ref _caches, k + 1);
            for (int i = old; i <= k; i++)
            {
                _caches[i] = new RecurrentDirectionCache();
            }
        }
        return _caches[k];
    }

    /// <summary>The output of layer <paramref name="layer"/> below the top, at least <paramref name="length"/> floats.</summary>
    public float[] LayerOutput(int layer, int length) => Slot(ref _layerOutputs, layer, length);

    /// <summary>Layer <paramref name="layer"/>'s output after dropout (the next layer's input).</summary>
    public float[] DroppedInput(int layer, int length) => Slot(ref _droppedInputs, layer, length);

    /// <summary>Layer <paramref name="layer"/>'s dropout mask (0 or 1/(1−p)).</summary>
    public float[] DropoutMask(int layer, int length) => Slot(ref _dropoutMasks, layer, length);

    /// <summary>One of two alternating buffers for ∂L/∂(a layer's input): backward reads one while it writes the other.</summary>
    public float[] InputGradient(int parity, int length)
        => _inputGradients[parity] = RecurrentDirectionCache.Grow(_inputGradients[parity], length);

    /// <summary>
    /// Zeroed gradient tensors, one per parameter, shaped like <paramref name="parameters"/> (the same tensors on every
    /// call: the backward engine copies or adds what a node returns and keeps no reference to it).
    /// </summary>
    public Tensor[] ParameterGradients(ReadOnlySpan<Tensor> parameters)
    {
        if (_parameterGradients.Length != parameters.Length)
        {
            _parameterGradients = new Tensor[parameters.Length];
            for (int p = 0; p < parameters.Length; p++)
            {
                _parameterGradients[p] = Tensor.Zeros(parameters[p].ShapeArray);
            }
            return _parameterGradients;
        }
        foreach (Tensor gradient in _parameterGradients)
        {
            gradient.Span.Clear();
        }
        return _parameterGradients;
    }

    private static float[] Slot(ref float[][] slots, int index, int length)
    {
        if (slots.Length <= index)
        {
            int old = slots.Length;
            Array.Resize(ref slots, index + 1);
            for (int i = old; i <= index; i++)
            {
                slots[i] = [];
            }
        }
        return slots[index] = RecurrentDirectionCache.Grow(slots[index], length);
    }
}
