namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// The parameters of one layer and direction, as PyTorch lays them out: W_ih (G·H × H_in), W_hh (G·H × H),
/// b_ih and b_hh (G·H each, or empty when the layer has no bias).
/// </summary>
internal readonly ref struct RecurrentDirectionWeights
{
    public RecurrentDirectionWeights(ReadOnlySpan<float> inputWeights, ReadOnlySpan<float> hiddenWeights,
        ReadOnlySpan<float> inputBias, ReadOnlySpan<float> hiddenBias, int inputSize, int hiddenSize)
    {
        InputWeights = inputWeights;
        HiddenWeights = hiddenWeights;
        InputBias = inputBias;
        HiddenBias = hiddenBias;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
    }

    public ReadOnlySpan<float> InputWeights { get; }

    public ReadOnlySpan<float> HiddenWeights { get; }

    public ReadOnlySpan<float> InputBias { get; }

    public ReadOnlySpan<float> HiddenBias { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }
}

/// <summary>Gradient accumulators matching <see cref="RecurrentDirectionWeights"/> (bias spans empty when there is no bias).</summary>
internal readonly ref struct RecurrentDirectionGradients
{
    public RecurrentDirectionGradients(Span<float> inputWeights, Span<float> hiddenWeights, Span<float> inputBias, Span<float> hiddenBias)
    {
        InputWeights = inputWeights;
        HiddenWeights = hiddenWeights;
        InputBias = inputBias;
        HiddenBias = hiddenBias;
    }

    public Span<float> InputWeights { get; }

    public Span<float> HiddenWeights { get; }

    public Span<float> InputBias { get; }

    public Span<float> HiddenBias { get; }
}
