using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// The handful of vector operations the GEMM micro-kernel and packing routines need, as static abstract members
/// so that one generic kernel (<see cref="GemmMicroKernel"/>) is specialised by the JIT for every vector width.
/// </summary>
/// <typeparam name="TVec">The register type: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>,
/// <see cref="Vector128{T}"/> of <see cref="float"/>, or <see cref="float"/> itself for the scalar fallback.</typeparam>
/// <remarks>
/// Every implementation computes a·b + c with a single rounding where the hardware has FMA (the
/// <c>MultiplyAddEstimate</c> family), so all widths produce the same bits on the same machine.
/// </remarks>
internal unsafe interface IGemmSimd<TVec>
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

    /// <summary>left · right, lane by lane.</summary>
    static abstract TVec Multiply(TVec left, TVec right);

    /// <summary>left · right + addend, lane by lane, fused where the hardware can.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);
}

/// <summary>The AVX-512 width: 16 lanes.</summary>
internal readonly unsafe struct GemmSimd512 : IGemmSimd<Vector512<float>>
{
    public static int Lanes => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector512<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend)
        => Vector512.MultiplyAddEstimate(left, right, addend);
}

/// <summary>The AVX2 + FMA width: 8 lanes.</summary>
internal readonly unsafe struct GemmSimd256 : IGemmSimd<Vector256<float>>
{
    public static int Lanes => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector256<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend)
        => Vector256.MultiplyAddEstimate(left, right, addend);
}

/// <summary>The SSE / AdvSimd width: 4 lanes (the widest accelerated width on Arm64).</summary>
internal readonly unsafe struct GemmSimd128 : IGemmSimd<Vector128<float>>
{
    public static int Lanes => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, Vector128<float> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend)
        => Vector128.MultiplyAddEstimate(left, right, addend);
}

/// <summary>The scalar fallback: one lane.</summary>
internal readonly unsafe struct GemmSimdScalar : IGemmSimd<float>
{
    public static int Lanes => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float* destination, float value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Broadcast(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MultiplyAdd(float left, float right, float addend) => float.MultiplyAddEstimate(left, right, addend);
}
