using System.Diagnostics;
using System.Globalization;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels.Cpu;
using MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// <c>recurrent-quick</c>: times one fused recurrent layer — inference (forward under no-grad) or a training step
/// (zero_grad + forward + backward + SGD update) — with a Stopwatch, and prints one JSON object:
/// <c>{"impl":"ours","cell","T","B","I","H","mode","threads","median_ms","min_ms","cpu_ms","calls","alloc_bytes_per_step",
/// "gc0","gc1","gc2","peak_rss_delta_mb","runtime"}</c>. Its twin for PyTorch is <c>tools/bench/torch_recurrent.py</c>;
/// <c>tools/bench/side_by_side.py</c> runs both.
/// </summary>
/// <remarks>
/// <para>Method: first 300 ms of steps on a small shape (T, N, H_in, H) = (8, 16, 16, 20) of the same cell and mode (so
/// JIT compilation is not counted in the memory figure); then the layer and data are built, a full GC runs, the process's resident set (VmRSS) is read and
/// its peak (VmHWM) reset through /proc/self/clear_refs, and one step runs: step_peak_mb = its peak RSS − RSS before
/// (everything one step needs, buffer pools included, and no garbage from earlier steps). Then warm-up calls for at
/// least <c>--warmup-ms</c> (tiered
/// JIT reaches its optimised code), then <c>--reps</c> repetitions, each a batch of calls lasting ≥ 20 ms. median_ms and
/// min_ms are over the repetitions' mean call times; cpu_ms is the process's CPU time (all threads, spinning included)
/// per call over the repetitions, which a busy machine inflates far less than wall time; alloc_bytes_per_step is managed allocation (all threads) per call
/// during the repetitions; gc0/1/2 the collections during them; peak_rss_delta_mb = peak RSS over all the steps − RSS
/// before the first (with .NET, it includes the results of earlier steps that the GC has not yet collected). Linux; else
/// the process's peak working set − working set before.</para>
/// <para>Options: <c>--cell rnn|lstm|gru</c>, <c>--T</c>, <c>--B</c>, <c>--I</c>, <c>--H</c>, <c>--mode infer|train</c>,
/// <c>--reps N</c> (default 7), <c>--threads N</c> (0 = all processors), <c>--warmup-ms</c> (default 1000),
/// <c>--zero-grad zero|none</c> (default zero: gradients zeroed in place, PyTorch 1.13's default), and the tuning knob
/// <c>--single-chunk-flops</c>, <c>--block-bytes</c> and <c>--block-rows</c> (see RecurrentChunkPlan).</para>
/// </remarks>
internal static class RecurrentQuick
{
    public static int Run(string[] args)
    {
        var options = new QuickOptions(args);
        string cell = options.Text("--cell", "lstm"), mode = options.Text("--mode", "train");
        int steps = options.Int("--T", 50), batch = options.Int("--B", 32), input = options.Int("--I", 32), hidden = options.Int("--H", 64);
        int reps = options.Int("--reps", 7), threads = options.Int("--threads", 0), warmupMs = options.Int("--warmup-ms", 1000);
        bool setToNone = options.Text("--zero-grad", "zero") == "none";
        Gemm.ForcedThreadCount = threads;
        if (options.Find("--single-chunk-flops") is { } flops)
        {
            RecurrentChunkPlan.SingleChunkStepFlops = long.Parse(flops, CultureInfo.InvariantCulture);
        }
        if (options.Find("--block-bytes") is { } blockBytes)
        {
            RecurrentChunkPlan.BlockBytes = long.Parse(blockBytes, CultureInfo.InvariantCulture);
        }
        if (options.Find("--block-rows") is { } blockRows)
        {
            RecurrentChunkPlan.MinBlockRows = int.Parse(blockRows, CultureInfo.InvariantCulture);
        }

        // JIT warm-up on a small shape (vector loops and their tails, two chunks so the worker threads start, every
        // tier): compiles the same code paths
        // without touching the memory measured below.
        Action small = CreateStep(cell, mode, 8, 16, 16, 20, setToNone);
        var warmClock = Stopwatch.StartNew();
        while (warmClock.ElapsedMilliseconds < 300)
        {
            small();
        }
        small = null!;
        Action step = CreateStep(cell, mode, steps, batch, input, hidden, setToNone);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long rssBefore = ResidentMemory.ResetPeak();
        step();
        double stepPeakMb = (ResidentMemory.Peak() - rssBefore) / 1048576.0;

        var clock = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 3 || clock.ElapsedMilliseconds < warmupMs)
        {
            step();
            warm++;
        }
        double perCall = clock.Elapsed.TotalMilliseconds / warm;
        int callsPerRep = Math.Max(1, (int)Math.Ceiling(20 / perCall));

        var times = new double[reps];
        int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
        for (int r = 0; r < reps; r++)
        {
            clock.Restart();
            for (int c = 0; c < callsPerRep; c++)
            {
                step();
            }
            times[r] = clock.Elapsed.TotalMilliseconds / callsPerRep;
        }
        double cpuPerStep = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / (reps * callsPerRep);
        long bytesPerStep = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / ((long)reps * callsPerRep);
        gc0 = GC.CollectionCount(0) - gc0;
        gc1 = GC.CollectionCount(1) - gc1;
        gc2 = GC.CollectionCount(2) - gc2;
        double peakDeltaMb = (ResidentMemory.Peak() - rssBefore) / 1048576.0;
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"impl\":\"ours\",\"cell\":\"{cell}\",\"T\":{steps},\"B\":{batch},\"I\":{input},\"H\":{hidden},\"mode\":\"{mode}\",\"threads\":{(threads == 0 ? Environment.ProcessorCount : threads)},\"median_ms\":{times[reps / 2]:G6},\"min_ms\":{times[0]:G6},\"cpu_ms\":{cpuPerStep:G6},\"calls\":{reps * callsPerRep},\"alloc_bytes_per_step\":{bytesPerStep},\"gc0\":{gc0},\"gc1\":{gc1},\"gc2\":{gc2},\"step_peak_mb\":{stepPeakMb:F1},\"peak_rss_delta_mb\":{peakDeltaMb:F1},\"runtime\":\"{Environment.Version}\"}}"));
        return 0;
    }

    /// <summary>One inference call or training step of a fresh single-layer <paramref name="cell"/> on random data (seed 1).</summary>
    internal static Action CreateStep(string cell, string mode, int steps, int batch, int input, int hidden, bool setToNone)
    {
        var generator = new RandomGenerator(1);
        RecurrentLayer layer = cell switch
        {
            "rnn" => new Rnn(input, hidden, generator: generator),
            "gru" => new Gru(input, hidden, generator: generator),
            "lstm" => new Lstm(input, hidden, generator: generator),
            _ => throw new ArgumentException($"--cell: expected rnn, lstm or gru, got '{cell}'."),
        };
        Tensor x = Tensor.Normal(generator, 0, 1, steps, batch, input);
        Tensor outputGradient = Tensor.Normal(generator, 0, 1, steps, batch, hidden);
        var optimizer = new Sgd(layer.Parameters(), 1e-4f);
        return mode switch
        {
            "infer" => () =>
            {
                using var _ = GradMode.NoGrad();
                layer.Forward(x).Output.ToScalarOrNothing();
            },
            "train" => () =>
            {
                optimizer.ZeroGrad(setToNone);
                layer.Forward(x).Output.Backward(outputGradient);
                optimizer.Step();
            },
            _ => throw new ArgumentException($"--mode: expected infer or train, got '{mode}'."),
        };
    }

    /// <summary>Keeps the JIT from discarding a result whose value is not used.</summary>
    private static void ToScalarOrNothing(this Tensor tensor) => GC.KeepAlive(tensor);
}
