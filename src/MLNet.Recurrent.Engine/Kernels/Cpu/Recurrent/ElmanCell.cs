using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// Elman RNN: h_t = f((ĥ + b_hh) + (x̂ + b_ih)) with f = tanh or ReLU (<typeparamref name="TActivation"/>).
/// Saves h_t, from which f′ is computed.
/// </summary>
internal readonly struct ElmanCell<TActivation> : IRecurrentCell
    where TActivation : IElmanActivation
{
    public static int GateCount => 1;

    public static bool HasCellState => false;

    public static int SavedWidth => 1;

    public static bool SeparateHiddenGradient => false;

    public static bool HasDirectHiddenPath => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Forward<TSimd, TVec>(in GateForwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        TVec h = TActivation.Apply<TSimd, TVec>(row.PreActivation<TSimd, TVec>(j));
        TSimd.Store(row.H + j, h);
        TSimd.Store(row.Output + j, h);
        TSimd.Store(row.Saved + j, h);
    }

    // Forward computed h = f(a) with a = x̂ + ĥ; so ∂L/∂a = ∂L/∂h ⊙ f′ (from h), and a passes it to both projections.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Backward<TSimd, TVec>(in GateBackwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Store(row.DInputProjection + j, TActivation.Backward<TSimd, TVec>(TSimd.Load(row.Saved + j), TSimd.Load(row.Dh + j)));
}

/// <summary>The non-linearity of an Elman cell, with its derivative expressed through its output.</summary>
internal interface IElmanActivation
{
    /// <summary>f(x), lane by lane.</summary>
    static abstract TVec Apply<TSimd, TVec>(TVec x)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged;

    /// <summary>gradient ⊙ f′, with f′ computed from the output y = f(x).</summary>
    static abstract TVec Backward<TSimd, TVec>(TVec y, TVec gradient)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged;
}

/// <summary>f = tanh; f′ = 1 − h².</summary>
internal readonly struct TanhActivation : IElmanActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<TSimd, TVec>(TVec x)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => GateMath.Tanh<TSimd, TVec>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Backward<TSimd, TVec>(TVec y, TVec gradient)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => GateMath.TanhBackward<TSimd, TVec>(y, gradient);
}

/// <summary>f = max(·, 0) (NaN stays NaN); f′ = 1 where h &gt; 0, else 0 (PyTorch's convention at 0).</summary>
internal readonly struct ReluActivation : IElmanActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Apply<TSimd, TVec>(TVec x)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Max(TSimd.Broadcast(0f), x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Backward<TSimd, TVec>(TVec y, TVec gradient)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.WherePositive(y, gradient);
}
