using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// GRU, PyTorch gate order r, z, n, with the reset gate applied after the hidden projection:
/// r = σ((ĥ_r + b_hr) + (x̂_r + b_ir)), z = σ(same for z), n = tanh((x̂_n + b_in) + r ⊙ (ĥ_n + b_hn)),
/// h_t = n + z ⊙ (h_{t−1} − n) = (1 − z) ⊙ n + z ⊙ h_{t−1}. Saves [r, z, n, ĥ_n + b_hn] (4·H per row).
/// </summary>
internal readonly struct GruCell : IRecurrentCell
{
    public static int GateCount => 3;

    public static bool HasCellState => false;

    public static int SavedWidth => 4;

    public static bool SeparateHiddenGradient => true;

    public static bool HasDirectHiddenPath => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Forward<TSimd, TVec>(in GateForwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        nint hidden = row.Hidden;
        TVec r = GateMath.Sigmoid<TSimd, TVec>(row.PreActivation<TSimd, TVec>(j));
        TVec z = GateMath.Sigmoid<TSimd, TVec>(row.PreActivation<TSimd, TVec>(hidden + j));
        TVec hn = row.HiddenTerm<TSimd, TVec>(2 * hidden + j);
        TVec n = GateMath.Tanh<TSimd, TVec>(TSimd.MultiplyAdd(r, hn, row.InputTerm<TSimd, TVec>(2 * hidden + j)));
        TVec h = TSimd.MultiplyAdd(z, TSimd.Subtract(TSimd.Load(row.HPrevious + j), n), n);
        TSimd.Store(row.H + j, h);
        TSimd.Store(row.Output + j, h);
        TSimd.Store(row.Saved + j, r);
        TSimd.Store(row.Saved + hidden + j, z);
        TSimd.Store(row.Saved + 2 * hidden + j, n);
        TSimd.Store(row.Saved + 3 * hidden + j, hn);
    }

    // Forward computed h = n + z⊙(h′ − n) and n = tanh(x̂_n + r⊙ĥ_n); so
    // ∂h′ (direct) = ∂h⊙z, ∂n = ∂h − ∂h⊙z, ∂z = ∂h⊙(h′ − n), ∂a_n = ∂n⊙(1 − n²),
    // ∂x̂_n = ∂a_n, ∂ĥ_n = ∂a_n⊙r, ∂r = ∂a_n⊙ĥ_n; r and z go through σ to both projections alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Backward<TSimd, TVec>(in GateBackwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        nint hidden = row.Hidden;
        TVec r = TSimd.Load(row.Saved + j);
        TVec z = TSimd.Load(row.Saved + hidden + j);
        TVec n = TSimd.Load(row.Saved + 2 * hidden + j);
        TVec hn = TSimd.Load(row.Saved + 3 * hidden + j);
        TVec dh = TSimd.Load(row.Dh + j);
        TVec direct = TSimd.Multiply(dh, z);
        TVec dan = GateMath.TanhBackward<TSimd, TVec>(n, TSimd.Subtract(dh, direct));
        TVec dz = GateMath.SigmoidBackward<TSimd, TVec>(z, TSimd.Multiply(dh, TSimd.Subtract(TSimd.Load(row.HPrevious + j), n)));
        TVec dr = GateMath.SigmoidBackward<TSimd, TVec>(r, TSimd.Multiply(dan, hn));

        TSimd.Store(row.DInputProjection + j, dr);
        TSimd.Store(row.DInputProjection + hidden + j, dz);
        TSimd.Store(row.DInputProjection + 2 * hidden + j, dan);
        TSimd.Store(row.DHiddenProjection + j, dr);
        TSimd.Store(row.DHiddenProjection + hidden + j, dz);
        TSimd.Store(row.DHiddenProjection + 2 * hidden + j, TSimd.Multiply(dan, r));
        TSimd.Store(row.Dh + j, direct);
    }
}
