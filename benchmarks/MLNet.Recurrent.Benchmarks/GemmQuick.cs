using System.Diagnostics;
using System.Globalization;
using MLNet.Recurrent.Engine.Kernels.Cpu;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// <c>gemm-quick</c>: times the engine's GEMM with a Stopwatch — a warm-up, then the median of at least
/// <c>--reps</c> repetitions — and prints one JSON object per line:
/// <c>{"impl","m","n","k","transA","transB","threads","median_ms","gflops"}</c>.
/// </summary>
/// <remarks>
/// Options: <c>--shapes square|rnn|all</c> (default all), <c>--sizes 256,512</c> (square sizes),
/// <c>--custom 64x1024x256:NT,...</c> (instead of --shapes: m×n×k, then N or T for A and B), <c>--reps N</c>
/// (default 9), <c>--threads N</c> (0 = automatic), <c>--width 1|128|256|512</c>, and the blocking knobs
/// <c>--kc</c>, <c>--mc</c>, <c>--nc</c>, <c>--parts</c> (parts per thread) for tuning. Operands are random in [−1, 1]; β = 0.
/// </remarks>
internal static class GemmQuick
{
    private static readonly (int M, int N, int K, bool TransA, bool TransB)[] RnnShapes =
    [
        (32, 256, 64, false, true),      // one small recurrent step: h·W_hhᵀ, N=32, H=64
        (64, 1024, 256, false, true),    // one step, N=64, H=256 (4H = 1024)
        (64, 2048, 512, false, true),    // one step, N=64, H=512
        (6400, 1024, 128, false, true),  // input projection for all steps: X·W_ihᵀ, N·L = 6400
        (6400, 128, 1024, false, false), // backward: dX = dG·W_ih
        (1024, 128, 6400, true, false),  // backward: dW_ih = dGᵀ·X
    ];

    public static int Run(string[] args)
    {
        var options = new QuickOptions(args);
        string shapes = options.Text("--shapes", "all");
        int[] sizes = (options.Find("--sizes") ?? "256,512,1024,2048").Split(',').Select(int.Parse).ToArray();
        int reps = int.Parse(options.Find("--reps") ?? "9", CultureInfo.InvariantCulture);
        int threads = int.Parse(options.Find("--threads") ?? "0", CultureInfo.InvariantCulture);
        if (options.Find("--width") is { } width)
        {
            Gemm.ForcedVectorWidth = (GemmVectorWidth)int.Parse(width, CultureInfo.InvariantCulture);
        }
        if (options.Find("--kc") is { } kc)
        {
            GemmBlocking.Kc = int.Parse(kc, CultureInfo.InvariantCulture);
        }
        if (options.Find("--mc") is { } mc)
        {
            GemmBlocking.Mc = int.Parse(mc, CultureInfo.InvariantCulture);
        }
        if (options.Find("--nc") is { } nc)
        {
            GemmBlocking.Nc = int.Parse(nc, CultureInfo.InvariantCulture);
        }
        if (options.Find("--parts") is { } partsPerThread)
        {
            GemmBlocking.PartsPerThread = int.Parse(partsPerThread, CultureInfo.InvariantCulture);
        }
        Gemm.ForcedThreadCount = threads;

        var list = new List<(int M, int N, int K, bool TransA, bool TransB)>();
        if (options.Find("--custom") is { } custom)
        {
            list.AddRange(custom.Split(',').Select(ParseShape));
        }
        else if (shapes is "square" or "all")
        {
            list.AddRange(sizes.Select(s => (s, s, s, false, false)));
        }
        if (options.Find("--custom") is null && (shapes is "rnn" or "all"))
        {
            list.AddRange(RnnShapes);
        }
        foreach (var shape in list)
        {
            Measure(shape.M, shape.N, shape.K, shape.TransA, shape.TransB, Math.Max(7, reps), threads);
        }
        return 0;
    }

    private static void Measure(int m, int n, int k, bool transA, bool transB, int reps, int threads)
    {
        var random = new Random(1);
        float[] a = GemmBenchmarks.RandomMatrix(random, m * k);
        float[] b = GemmBenchmarks.RandomMatrix(random, k * n);
        float[] c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        void Once() => Gemm.Multiply(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);

        // Warm-up: tiered JIT, packing buffers, worker threads; and size the batch so one repetition takes ≥ 20 ms.
        var watch = Stopwatch.StartNew();
        int calls = 0;
        while (watch.Elapsed.TotalMilliseconds < 300 || calls < 3)
        {
            Once();
            calls++;
        }
        double perCall = watch.Elapsed.TotalMilliseconds / calls;
        int batch = (int)Math.Max(1, Math.Ceiling(20 / perCall));

        var samples = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                Once();
            }
            samples[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batch;
        }
        Array.Sort(samples);
        double median = samples[reps / 2];
        double gflops = 2.0 * m * n * k / (median * 1e6);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"impl\":\"ours\",\"m\":{m},\"n\":{n},\"k\":{k},\"transA\":{(transA ? "true" : "false")},\"transB\":{(transB ? "true" : "false")},\"threads\":{(threads == 0 ? Environment.ProcessorCount : threads)},\"median_ms\":{median:F4},\"gflops\":{gflops:F2}}}"));
    }

    /// <summary>Parses "MxNxK" or "MxNxK:XY" with X, Y ∈ {N, T} (transpose A, transpose B).</summary>
    private static (int M, int N, int K, bool TransA, bool TransB) ParseShape(string text)
    {
        string[] parts = text.Split(':');
        int[] dims = parts[0].Split('x').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        string flags = parts.Length > 1 ? parts[1] : "NN";
        return (dims[0], dims[1], dims[2], flags[0] == 'T', flags[1] == 'T');
    }
}
