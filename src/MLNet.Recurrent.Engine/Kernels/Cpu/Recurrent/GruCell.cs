using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// GRU, PyTorch gate order r, z, n, with the reset gate applied after the hidden projection:
/// r = σ(x̂_r + ĥ_r), z = σ(x̂_z + ĥ_z), n = tanh(x̂_n + r ⊙ ĥ_n), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1},
/// where ĥ_n = W_hn h_{t−1} + b_hn. Saves [r, z, n, ĥ_n] (4·H per row).
/// </summary>
internal readonly struct GruCell : IRecurrentCell
{
    public static int GateCount => 3;

    public static bool HasCellState => false;

    public static int SavedWidth => 4;

    public static void Forward(ReadOnlySpan<float> xProjection, ReadOnlySpan<float> hProjection,
        ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious, Span<float> h, Span<float> c, Span<float> saved)
    {
        int hidden = h.Length;
        Span<float> rz = saved[..(2 * hidden)];
        Span<float> r = saved[..hidden];
        Span<float> z = saved.Slice(hidden, hidden);
        Span<float> n = saved.Slice(2 * hidden, hidden);
        Span<float> hn = saved.Slice(3 * hidden, hidden);

        TensorPrimitives.Add(xProjection[..(2 * hidden)], hProjection[..(2 * hidden)], rz);
        TensorPrimitives.Sigmoid(rz, rz);
        hProjection.Slice(2 * hidden, hidden).CopyTo(hn);
        TensorPrimitives.MultiplyAdd(r, hn, xProjection.Slice(2 * hidden, hidden), n);
        TensorPrimitives.Tanh(n, n);
        // h = n + z ⊙ (h_{t−1} − n)
        TensorPrimitives.Subtract(hPrevious, n, h);
        TensorPrimitives.MultiplyAdd(z, h, n, h);
    }

    // Forward computed h = (1−z)⊙n + z⊙h′ and n = tanh(x̂_n + r⊙ĥ_n); so
    // ∂n = ∂h⊙(1−z), ∂z = ∂h⊙(h′−n), ∂h′ (direct) = ∂h⊙z, ∂a_n = ∂n⊙(1−n²),
    // ∂x̂_n = ∂a_n, ∂ĥ_n = ∂a_n⊙r, ∂r = ∂a_n⊙ĥ_n; r and z go through σ to both projections.
    public static void Backward(ReadOnlySpan<float> saved, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dxProjection, Span<float> dhProjection, Span<float> dhPreviousDirect, Span<float> dcPrevious, Span<float> scratch)
    {
        int hidden = dh.Length;
        ReadOnlySpan<float> r = saved[..hidden];
        ReadOnlySpan<float> z = saved.Slice(hidden, hidden);
        ReadOnlySpan<float> n = saved.Slice(2 * hidden, hidden);
        ReadOnlySpan<float> hn = saved.Slice(3 * hidden, hidden);
        Span<float> gradient = scratch[..hidden];
        Span<float> work = scratch.Slice(hidden, hidden);
        Span<float> dxR = dxProjection[..hidden];
        Span<float> dxZ = dxProjection.Slice(hidden, hidden);
        Span<float> dxN = dxProjection.Slice(2 * hidden, hidden);

        // ∂n = ∂h − ∂h⊙z, then through tanh
        TensorPrimitives.Multiply(dh, z, dhPreviousDirect);
        TensorPrimitives.Subtract(dh, dhPreviousDirect, gradient);
        GateMath.TanhBackward(n, gradient, dxN, work);
        // ∂z = ∂h ⊙ (h′ − n), then through σ
        TensorPrimitives.Subtract(hPrevious, n, gradient);
        TensorPrimitives.Multiply(gradient, dh, gradient);
        GateMath.SigmoidBackward(z, gradient, dxZ, work);
        // ∂r = ∂a_n ⊙ ĥ_n, then through σ
        TensorPrimitives.Multiply(dxN, hn, gradient);
        GateMath.SigmoidBackward(r, gradient, dxR, work);

        dxProjection[..(2 * hidden)].CopyTo(dhProjection);
        TensorPrimitives.Multiply(dxN, r, dhProjection.Slice(2 * hidden, hidden));
    }
}
