using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// LSTM, PyTorch gate order i, f, g, o:
/// i = σ(x̂_i + ĥ_i), f = σ(x̂_f + ĥ_f), g = tanh(x̂_g + ĥ_g), o = σ(x̂_o + ĥ_o),
/// c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t).
/// Saves [i, f, g, o, c_t] (5·H per row).
/// </summary>
internal readonly struct LstmCell : IRecurrentCell
{
    public static int GateCount => 4;

    public static bool HasCellState => true;

    public static int SavedWidth => 5;

    public static void Forward(ReadOnlySpan<float> xProjection, ReadOnlySpan<float> hProjection,
        ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious, Span<float> h, Span<float> c, Span<float> saved)
    {
        int hidden = h.Length;
        Span<float> gates = saved[..(4 * hidden)];
        TensorPrimitives.Add(xProjection, hProjection, gates);
        Span<float> i = gates[..hidden];
        Span<float> f = gates.Slice(hidden, hidden);
        Span<float> g = gates.Slice(2 * hidden, hidden);
        Span<float> o = gates.Slice(3 * hidden, hidden);
        TensorPrimitives.Sigmoid(gates[..(2 * hidden)], gates[..(2 * hidden)]);
        TensorPrimitives.Tanh(g, g);
        TensorPrimitives.Sigmoid(o, o);

        TensorPrimitives.Multiply(f, cPrevious, c);
        TensorPrimitives.MultiplyAdd(i, g, c, c);
        c.CopyTo(saved.Slice(4 * hidden, hidden));
        TensorPrimitives.Tanh(c, h);
        TensorPrimitives.Multiply(h, o, h);
    }

    // Forward computed c = f⊙c′ + i⊙g and h = o⊙tanh(c); so with τ = tanh(c):
    // ∂o = ∂h⊙τ, ∂c += ∂h⊙o⊙(1−τ²), ∂i = ∂c⊙g, ∂f = ∂c⊙c′, ∂g = ∂c⊙i, ∂c′ = ∂c⊙f,
    // then through σ and tanh to the shared pre-activation x̂ + ĥ.
    public static void Backward(ReadOnlySpan<float> saved, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dxProjection, Span<float> dhProjection, Span<float> dhPreviousDirect, Span<float> dcPrevious, Span<float> scratch)
    {
        int hidden = dh.Length;
        ReadOnlySpan<float> i = saved[..hidden];
        ReadOnlySpan<float> f = saved.Slice(hidden, hidden);
        ReadOnlySpan<float> g = saved.Slice(2 * hidden, hidden);
        ReadOnlySpan<float> o = saved.Slice(3 * hidden, hidden);
        ReadOnlySpan<float> c = saved.Slice(4 * hidden, hidden);
        Span<float> tanhC = scratch[..hidden];
        Span<float> dcTotal = scratch.Slice(hidden, hidden);
        Span<float> work = scratch.Slice(2 * hidden, hidden);
        Span<float> gateGradient = scratch.Slice(3 * hidden, hidden);

        TensorPrimitives.Tanh(c, tanhC);
        // ∂c_total = ∂c + ∂h ⊙ o ⊙ (1 − τ²)
        TensorPrimitives.Multiply(dh, o, work);
        GateMath.TanhBackward(tanhC, work, dcTotal, gateGradient);
        TensorPrimitives.Add(dcTotal, dc, dcTotal);

        // o gate: ∂o = ∂h ⊙ τ
        TensorPrimitives.Multiply(dh, tanhC, gateGradient);
        GateMath.SigmoidBackward(o, gateGradient, dxProjection.Slice(3 * hidden, hidden), work);
        // i gate: ∂i = ∂c ⊙ g
        TensorPrimitives.Multiply(dcTotal, g, gateGradient);
        GateMath.SigmoidBackward(i, gateGradient, dxProjection[..hidden], work);
        // f gate: ∂f = ∂c ⊙ c_{t−1}
        TensorPrimitives.Multiply(dcTotal, cPrevious, gateGradient);
        GateMath.SigmoidBackward(f, gateGradient, dxProjection.Slice(hidden, hidden), work);
        // g gate: ∂g = ∂c ⊙ i
        TensorPrimitives.Multiply(dcTotal, i, gateGradient);
        GateMath.TanhBackward(g, gateGradient, dxProjection.Slice(2 * hidden, hidden), work);

        TensorPrimitives.Multiply(dcTotal, f, dcPrevious);
        dxProjection.CopyTo(dhProjection);
        dhPreviousDirect.Clear();
    }
}
