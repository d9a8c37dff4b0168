using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// Elman RNN: h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) with f = tanh or ReLU (<typeparamref name="TActivation"/>).
/// Saves h_t, from which f′ is computed.
/// </summary>
internal readonly struct ElmanCell<TActivation> : IRecurrentCell
    where TActivation : IElmanActivation
{
    public static int GateCount => 1;

    public static bool HasCellState => false;

    public static int SavedWidth => 1;

    public static void Forward(ReadOnlySpan<float> xProjection, ReadOnlySpan<float> hProjection,
        ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious, Span<float> h, Span<float> c, Span<float> saved)
    {
        TensorPrimitives.Add(xProjection, hProjection, h);
        TActivation.Apply(h);
        h.CopyTo(saved);
    }

    // Forward computed h = f(a) with a = x̂ + ĥ; so ∂L/∂a = ∂L/∂h ⊙ f′ (from h), and a passes it to both projections.
    public static void Backward(ReadOnlySpan<float> saved, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dxProjection, Span<float> dhProjection, Span<float> dhPreviousDirect, Span<float> dcPrevious, Span<float> scratch)
    {
        TActivation.Backward(saved, dh, dxProjection, scratch);
        dxProjection.CopyTo(dhProjection);
        dhPreviousDirect.Clear();
    }
}

/// <summary>The non-linearity of an Elman cell, applied in place, with its derivative expressed through its output.</summary>
internal interface IElmanActivation
{
    static abstract void Apply(Span<float> values);

    static abstract void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, Span<float> destination, Span<float> scratch);
}

/// <summary>f = tanh; f′ = 1 − h².</summary>
internal readonly struct TanhActivation : IElmanActivation
{
    public static void Apply(Span<float> values) => TensorPrimitives.Tanh(values, values);

    public static void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, Span<float> destination, Span<float> scratch)
        => GateMath.TanhBackward(output, gradient, destination, scratch);
}

/// <summary>f = max(·, 0); f′ = 1 where h &gt; 0, else 0 (PyTorch's convention at 0).</summary>
internal readonly struct ReluActivation : IElmanActivation
{
    public static void Apply(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    public static void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradient, Span<float> destination, Span<float> scratch)
        => GateMath.ReluBackward(output, gradient, destination);
}
