using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// LSTM, PyTorch gate order i, f, g, o, with a_k = (x̂_k + b_ih,k) + (ĥ_k + b_hh,k):
/// i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o), c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t).
/// Saves [i, f, g, o, tanh(c_t)] (5·H per row), so backward evaluates no activation.
/// </summary>
internal readonly struct LstmCell : IRecurrentCell
{
    public static int GateCount => 4;

    public static bool HasCellState => true;

    public static int SavedWidth => 5;

    public static bool SeparateHiddenGradient => false;

    public static bool HasDirectHiddenPath => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Forward<TSimd, TVec>(in GateForwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        // Each value is stored as soon as it is known, so that few stay live at once (16 vector registers).
        nint hidden = row.Hidden;
        TVec i = GateMath.Sigmoid<TSimd, TVec>(row.PreActivation<TSimd, TVec>(j));
        TSimd.Store(row.Saved + j, i);
        TVec g = GateMath.Tanh<TSimd, TVec>(row.PreActivation<TSimd, TVec>(2 * hidden + j));
        TSimd.Store(row.Saved + 2 * hidden + j, g);
        TVec f = GateMath.Sigmoid<TSimd, TVec>(row.PreActivation<TSimd, TVec>(hidden + j));
        TSimd.Store(row.Saved + hidden + j, f);
        TVec c = TSimd.MultiplyAdd(i, g, TSimd.Multiply(f, TSimd.Load(row.CPrevious + j)));
        TSimd.Store(row.C + j, c);
        TVec tanhC = GateMath.Tanh<TSimd, TVec>(c);
        TSimd.Store(row.Saved + 4 * hidden + j, tanhC);
        TVec o = GateMath.Sigmoid<TSimd, TVec>(row.PreActivation<TSimd, TVec>(3 * hidden + j));
        TSimd.Store(row.Saved + 3 * hidden + j, o);
        TVec h = TSimd.Multiply(o, tanhC);
        TSimd.Store(row.H + j, h);
        TSimd.Store(row.Output + j, h);
    }

    // Forward computed c = f⊙c′ + i⊙g and h = o⊙τ with τ = tanh(c); so
    // ∂c += ∂h⊙o⊙(1−τ²), ∂o = ∂h⊙τ, ∂i = ∂c⊙g, ∂f = ∂c⊙c′, ∂g = ∂c⊙i, ∂c′ = ∂c⊙f,
    // then through σ and tanh to the shared pre-activation a = x̂ + ĥ, whose gradient both projections receive.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Backward<TSimd, TVec>(in GateBackwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        nint hidden = row.Hidden;
        TVec i = TSimd.Load(row.Saved + j);
        TVec f = TSimd.Load(row.Saved + hidden + j);
        TVec g = TSimd.Load(row.Saved + 2 * hidden + j);
        TVec o = TSimd.Load(row.Saved + 3 * hidden + j);
        TVec tanhC = TSimd.Load(row.Saved + 4 * hidden + j);
        TVec dh = TSimd.Load(row.Dh + j);
        TVec dc = TSimd.Add(TSimd.Load(row.Dc + j), GateMath.TanhBackward<TSimd, TVec>(tanhC, TSimd.Multiply(dh, o)));

        float* dGates = row.DInputProjection;
        TSimd.Store(dGates + j, GateMath.SigmoidBackward<TSimd, TVec>(i, TSimd.Multiply(dc, g)));
        TSimd.Store(dGates + hidden + j, GateMath.SigmoidBackward<TSimd, TVec>(f, TSimd.Multiply(dc, TSimd.Load(row.CPrevious + j))));
        TSimd.Store(dGates + 2 * hidden + j, GateMath.TanhBackward<TSimd, TVec>(g, TSimd.Multiply(dc, i)));
        TSimd.Store(dGates + 3 * hidden + j, GateMath.SigmoidBackward<TSimd, TVec>(o, TSimd.Multiply(dh, tanhC)));
        TSimd.Store(row.Dc + j, TSimd.Multiply(dc, f));
    }

}
