using BenchmarkDotNet.Attributes;
using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>Square SGEMM, C[n×n] ← A·B, through the engine's <see cref="Gemm"/>.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    /// <summary>m = n = k.</summary>
    [Params(256, 512, 1024, 2048)]
    public int Size { get; set; }

    /// <summary>Random operands in [−1, 1].</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _a = RandomMatrix(random, Size * Size);
        _b = RandomMatrix(random, Size * Size);
        _c = new float[Size * Size];
    }

    /// <summary>One multiply.</summary>
    [Benchmark]
    public void Multiply() => Gemm.Multiply(false, false, Size, Size, Size, 1f, _a, Size, _b, Size, 0f, _c, Size);

    internal static float[] RandomMatrix(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return data;
    }
}
