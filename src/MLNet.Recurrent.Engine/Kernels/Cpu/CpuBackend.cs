using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// The managed CPU backend: element-wise math through <see cref="TensorPrimitives"/>, GEMM through our own
/// packed, cache-blocked, multithreaded kernel (<see cref="Gemm"/>).
/// </summary>
internal sealed class CpuBackend : IComputeBackend
{
    public static CpuBackend Instance { get; } = new();

    private CpuBackend()
    {
    }

    public string Name => Vector512.IsHardwareAccelerated ? "cpu-avx512" : Vector256.IsHardwareAccelerated ? "cpu-avx2" : "cpu-scalar";

    public void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Cpu.Gemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public void Map(UnaryOp op, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.IsEmpty)
        {
            return;
        }
        switch (op)
        {
            case UnaryOp.Negate: TensorPrimitives.Negate(x, y); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, y); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, y); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, y); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, y); break;
            case UnaryOp.Relu: TensorPrimitives.Max(x, 0f, y); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, y); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, y); break;
            case UnaryOp.Square: TensorPrimitives.Multiply(x, x, y); break;
            case UnaryOp.Reciprocal: TensorPrimitives.Divide(1f, x, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "op: unknown unary operation.");
        }
    }

    public void Map(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, y); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, y); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, b, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "op: unknown binary operation.");
        }
    }

    public void Map(BinaryOp op, ReadOnlySpan<float> a, float scalar, Span<float> y)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, scalar, y); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, scalar, y); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, scalar, y); break;
            case BinaryOp.Divide: TensorPrimitives.Divide(a, scalar, y); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "op: unknown binary operation.");
        }
    }

    public float Sum(ReadOnlySpan<float> x) => x.IsEmpty ? 0f : TensorPrimitives.Sum(x);

    public float Max(ReadOnlySpan<float> x)
        => x.IsEmpty ? throw new ArgumentException("x: expected at least one element to take the maximum of, got none.", nameof(x)) : TensorPrimitives.Max(x);
}
