using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// The gate non-linearities of every cell, written once for every vector width (<see cref="ISimd{TVec}"/>), and their
/// derivatives expressed through their outputs (what the cells save for backward).
/// </summary>
/// <remarks>
/// <para>tanh is a rational approximation (odd degree-13 numerator over even degree-6 denominator, Eigen's
/// <c>generic_fast_tanh_float</c> coefficients, evaluated by Estrin's scheme for shorter dependency chains) on x clamped
/// to ±7.9988: max error 3.1e-7 absolute and relative (5.3 ulp), measured against double tanh on [−12, 12] in steps of
/// 1e-5 and on ±[1e-10, 1]. σ(x) = ½·tanh(x/2) + ½, max absolute error 1.9e-7. Both are smooth and exactly
/// odd/symmetric; NaN propagates (the clamp's Min/Max return their right operand, x, on NaN).
/// PyTorch's own CPU kernels (Sleef) are within 1 ulp, so the two differ by a few 1e-7 per activation, well inside the
/// parity tolerance.</para>
/// <para>The operations are the same IEEE operations (with FMA) at every width, so every width and the scalar tails
/// give the same bits.</para>
/// </remarks>
internal static class GateMath
{
    private const float Clamp = 7.99881172180175781f;

    // Numerator (odd powers) and denominator (even powers) coefficients.
    private const float Alpha1 = 4.89352455891786e-03f;
    private const float Alpha3 = 6.37261928875436e-04f;
    private const float Alpha5 = 1.48572235717979e-05f;
    private const float Alpha7 = 5.12229709037114e-08f;
    private const float Alpha9 = -8.60467152213735e-11f;
    private const float Alpha11 = 2.00018790482477e-13f;
    private const float Alpha13 = -2.76076847742355e-16f;
    private const float Beta0 = 4.89352518554385e-03f;
    private const float Beta2 = 2.26843463243900e-03f;
    private const float Beta4 = 1.18534705686654e-04f;
    private const float Beta6 = 1.19825839466702e-06f;

    /// <summary>tanh(x), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Tanh<TSimd, TVec>(TVec x)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        // Min/Max return their right operand on NaN, so NaN passes through the clamp.
        x = TSimd.Max(TSimd.Broadcast(-Clamp), TSimd.Min(TSimd.Broadcast(Clamp), x));
        // Estrin's scheme in y = x²: shorter dependency chains than Horner's (the gates are latency-bound).
        TVec y = TSimd.Multiply(x, x);
        TVec y2 = TSimd.Multiply(y, y);
        TVec y4 = TSimd.Multiply(y2, y2);
        TVec p01 = TSimd.MultiplyAdd(y, TSimd.Broadcast(Alpha3), TSimd.Broadcast(Alpha1));
        TVec p23 = TSimd.MultiplyAdd(y, TSimd.Broadcast(Alpha7), TSimd.Broadcast(Alpha5));
        TVec p45 = TSimd.MultiplyAdd(y, TSimd.Broadcast(Alpha11), TSimd.Broadcast(Alpha9));
        TVec p456 = TSimd.MultiplyAdd(y2, TSimd.Broadcast(Alpha13), p45);
        TVec p = TSimd.MultiplyAdd(y4, p456, TSimd.MultiplyAdd(y2, p23, p01));
        p = TSimd.Multiply(x, p);
        TVec q01 = TSimd.MultiplyAdd(y, TSimd.Broadcast(Beta2), TSimd.Broadcast(Beta0));
        TVec q23 = TSimd.MultiplyAdd(y, TSimd.Broadcast(Beta6), TSimd.Broadcast(Beta4));
        TVec q = TSimd.MultiplyAdd(y2, q23, q01);
        return TSimd.Divide(p, q);
    }

    /// <summary>σ(x) = 1 / (1 + e^(−x)) = ½·tanh(x/2) + ½, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sigmoid<TSimd, TVec>(TVec x)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        TVec half = TSimd.Broadcast(0.5f);
        return TSimd.MultiplyAdd(half, Tanh<TSimd, TVec>(TSimd.Multiply(half, x)), half);
    }

    /// <summary>gradient ⊙ y ⊙ (1 − y): the gradient through y = σ(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec SigmoidBackward<TSimd, TVec>(TVec y, TVec gradient)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Multiply(gradient, TSimd.Multiply(y, TSimd.Subtract(TSimd.Broadcast(1f), y)));

    /// <summary>gradient ⊙ (1 − y²): the gradient through y = tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec TanhBackward<TSimd, TVec>(TVec y, TVec gradient)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Multiply(gradient, TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Multiply(y, y)));
}
