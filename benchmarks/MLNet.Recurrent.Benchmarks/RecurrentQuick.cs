using System.Diagnostics;
using System.Globalization;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels.Cpu;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// <c>recurrent-quick</c>: times one fused recurrent layer — inference (forward under no-grad) or a training step
/// (forward + backward + SGD update) — with a Stopwatch: a warm-up, then the median of <c>--reps</c> repetitions, each a
/// batch of calls lasting ≥ 20 ms. Prints one JSON object:
/// <c>{"impl":"ours","cell","T","B","I","H","mode","threads","median_ms","alloc_bytes_per_step"}</c>.
/// Its twin for PyTorch is <c>tools/bench/torch_recurrent.py</c>; <c>tools/bench/side_by_side.py</c> runs both.
/// </summary>
/// <remarks>Options: <c>--cell rnn|lstm|gru</c>, <c>--T</c>, <c>--B</c>, <c>--I</c>, <c>--H</c>, <c>--mode infer|train</c>, <c>--reps N</c> (default 7), <c>--threads N</c> (0 = automatic).</remarks>
internal static class RecurrentQuick
{
    public static int Run(string[] args)
    {
        string cell = Option(args, "--cell") ?? "lstm";
        int steps = Int(args, "--T", 50), batch = Int(args, "--B", 32), input = Int(args, "--I", 32), hidden = Int(args, "--H", 64);
        string mode = Option(args, "--mode") ?? "train";
        int reps = Int(args, "--reps", 7), threads = Int(args, "--threads", 0);
        Gemm.ForcedThreadCount = threads;

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

        Action step = mode switch
        {
            "infer" => () =>
            {
                using var _ = GradMode.NoGrad();
                Forward(layer, x);
            },
            "train" => () =>
            {
                optimizer.ZeroGrad();
                Forward(layer, x).Backward(outputGradient);
                optimizer.Step();
            },
            _ => throw new ArgumentException($"--mode: expected infer or train, got '{mode}'."),
        };

        // Warm-up: JIT, pools, and enough calls to size a ≥ 20 ms batch.
        var clock = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 3 || clock.ElapsedMilliseconds < 200)
        {
            step();
            warm++;
        }
        double perCall = clock.Elapsed.TotalMilliseconds / warm;
        int callsPerRep = Math.Max(1, (int)Math.Ceiling(20 / perCall));

        var times = new double[reps];
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (int r = 0; r < reps; r++)
        {
            clock.Restart();
            for (int c = 0; c < callsPerRep; c++)
            {
                step();
            }
            times[r] = clock.Elapsed.TotalMilliseconds / callsPerRep;
        }
        long bytesPerStep = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / ((long)reps * callsPerRep);
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"impl\":\"ours\",\"cell\":\"{cell}\",\"T\":{steps},\"B\":{batch},\"I\":{input},\"H\":{hidden},\"mode\":\"{mode}\",\"threads\":{(threads == 0 ? Environment.ProcessorCount : threads)},\"median_ms\":{times[reps / 2]:G6},\"alloc_bytes_per_step\":{bytesPerStep}}}"));
        return 0;
    }

    private static Tensor Forward(RecurrentLayer layer, Tensor x) => layer.Forward(x, null, null, null).Output;

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback)
        => Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
