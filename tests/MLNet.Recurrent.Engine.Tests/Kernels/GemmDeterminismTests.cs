using MLNet.Recurrent.Engine.Tests.Testing;
using System.Runtime.Intrinsics.X86;
using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Engine.Tests.Kernels;

/// <summary>Gemm gives the same bits whatever the thread count (and, with FMA, whatever the vector width).</summary>
[Collection(SequentialGlobalStateCollection.Name)]
public class GemmDeterminismTests
{
    public static TheoryData<bool, bool, int, int, int, float> Shapes => new()
    {
        { false, false, 513, 517, 519, 0f },
        { false, true, 64, 1024, 256, 1f },
        { true, false, 1000, 64, 700, -0.5f },
        { true, true, 97, 301, 1100, 0f },
        { false, true, 7, 2000, 33, 1f },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_IsBitIdenticalForEveryThreadCount(bool transposeA, bool transposeB, int m, int n, int k, float beta)
    {
        float[]? expected = null;
        foreach (int threads in new[] { 1, 2, 3, 4, 0 })
        {
            var @case = GemmCase.Create(new Random(42), transposeA, transposeB, m, n, k, 0.75f, beta, pad: 3);
            Gemm.ForcedThreadCount = threads;
            try
            {
                @case.Run();
            }
            finally
            {
                Gemm.ForcedThreadCount = 0;
            }
            if (expected is null)
            {
                expected = @case.C;
            }
            else
            {
                Assert.True(expected.AsSpan().SequenceEqual(@case.C), $"{@case.Describe()}: {threads} threads differ from 1 thread.");
            }
        }
    }

    [Fact]
    public void Multiply_IsBitIdenticalForEveryVectorWidth_WhenTheHardwareHasFma()
    {
        if (!Fma.IsSupported)
        {
            return; // without FMA, the scalar and vector paths may round a·b + c differently
        }
        float[]? expected = null;
        foreach (GemmVectorWidth width in new[] { GemmVectorWidth.Scalar, GemmVectorWidth.Vector128, GemmVectorWidth.Vector256, GemmVectorWidth.Vector512 })
        {
            var @case = GemmCase.Create(new Random(7), true, false, 45, 70, 300, 0.5f, -0.5f, pad: 1);
            Gemm.ForcedVectorWidth = width;
            try
            {
                @case.Run();
            }
            finally
            {
                Gemm.ForcedVectorWidth = GemmVectorWidth.Auto;
            }
            if (expected is null)
            {
                expected = @case.C;
            }
            else
            {
                Assert.True(expected.AsSpan().SequenceEqual(@case.C), $"{width} differs from the scalar path.");
            }
        }
    }
}
