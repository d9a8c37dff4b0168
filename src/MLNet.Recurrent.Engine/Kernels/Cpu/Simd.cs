using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// The vector operations our own SIMD kernels need (the GEMM micro-kernel and packing, the fused recurrent gates), as
/// static abstract members, so that each kernel is written once and the JIT specialises it for every vector width.
/// </summary>
/// <typeparam name="TVec">The register type: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>,
/// <see cref="Vector128{T}"/> of <see cref="float"/>, or <see cref="float"/> itself for the scalar fallback and tails.</typeparam>
/// <remarks>
/// Every implementation computes a·b + c with a single rounding where the hardware has FMA (the
/// <c>MultiplyAddEstimate</c> family) and uses the same IEEE operations otherwise, so a kernel gives the same bits
/// at every width on the same machine.
/// </remarks>
internal unsafe interface ISimd<TVec>
    where TVec : unmanaged
{
    /// <summary>The number of <see cref="float"/> lanes in <typeparamref name="TVec"/>.</summary>
    static abstract int Lanes { get; }

    /// <summary>Loads <see cref="Lanes"/> floats from <paramref name="source"/> (no alignment required).</summary>
    static abstract TVec Load(float* source);

    /// <summary>Stores <see cref="Lanes"/> floats to <paramref name="destination"/> (no alignment required).</summary>
    static abstract void Store(float* destination, TVec value);

    /// <summary>A vector with every lane equal to <paramref name="value"/>.</summary>
    static abstract TVec Broadcast(float value);

    /// <summary>left + right, lane by lane.</summary>
    static abstract TVec Add(TVec left, TVec right);

    /// <summary>left − right, lane by lane.</summary>
    static abstract TVec Subtract(TVec left, TVec right);

    /// <summary>left · right, lane by lane.</summary>
    static abstract TVec Multiply(TVec left, TVec right);

    /// <summary>left / right, lane by lane (IEEE division).</summary>
    static abstract TVec Divide(TVec left, TVec right);

    /// <summary>left · right + addend, lane by lane, fused where the hardware can.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    /// <summary>
    /// The smaller of left and right, lane by lane, in one instruction (x86 minps, Arm fmin): a NaN in
    /// <paramref name="right"/> always gives NaN (x86 returns right when either is NaN, Arm returns NaN), so callers
    /// pass the variable as <paramref name="right"/> and a constant as <paramref name="left"/>.
    /// </summary>
    static abstract TVec Min(TVec left, TVec right);

    /// <summary>The larger of left and right, lane by lane; NaN as for <see cref="Min"/>.</summary>
    static abstract TVec Max(TVec left, TVec right);

    /// <summary>condition &gt; 0 ? value : 0, lane by lane.</summary>
    static abstract TVec WherePositive(TVec condition, TVec value);
}

/// <summary>The AVX-512 width: 16 lanes.</summary>
internal readonly unsafe struct Simd512 : ISimd<Vector512<float>>
{
    public static int Lanes => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector512<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend)
        => Vector512.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> left, Vector512<float> right)
        => Vector512.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> left, Vector512<float> right)
        => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WherePositive(Vector512<float> condition, Vector512<float> value)
        => Vector512.GreaterThan(condition, Vector512<float>.Zero) & value;
}

/// <summary>The AVX2 + FMA width: 8 lanes.</summary>
internal readonly unsafe struct Simd256 : ISimd<Vector256<float>>
{
    public static int Lanes => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector256<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend)
        => Vector256.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> left, Vector256<float> right)
        => Vector256.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> left, Vector256<float> right)
        => Vector256.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WherePositive(Vector256<float> condition, Vector256<float> value)
        => Vector256.GreaterThan(condition, Vector256<float>.Zero) & value;
}

/// <summary>The SSE / AdvSimd width: 4 lanes (the widest accelerated width on Arm64).</summary>
internal readonly unsafe struct Simd128 : ISimd<Vector128<float>>
{
    public static int Lanes => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector128<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend)
        => Vector128.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> left, Vector128<float> right)
        => Vector128.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> left, Vector128<float> right)
        => Vector128.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WherePositive(Vector128<float> condition, Vector128<float> value)
        => Vector128.GreaterThan(condition, Vector128<float>.Zero) & value;
}

/// <summary>The scalar fallback and the tails of vector loops: one lane.</summary>
internal readonly unsafe struct SimdScalar : ISimd<float>
{
    public static int Lanes => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, float value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float left, float right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float left, float right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => float.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float left, float right) => left < right ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float left, float right) => left > right ? left : right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float WherePositive(float condition, float value) => condition > 0f ? value : 0f;
}
