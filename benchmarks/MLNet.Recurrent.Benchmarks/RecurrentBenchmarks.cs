using BenchmarkDotNet.Attributes;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// One fused single-layer Rnn, Lstm or Gru: inference (forward under no-grad) and a training step (in-place zero_grad,
/// forward, backward of the output, SGD update) on two shapes of the side-by-side grid, (T, N, H_in, H) =
/// (50, 32, 32, 64) and (100, 64, 128, 256). The same work as <c>recurrent-quick</c> and <c>tools/bench/torch_recurrent.py</c>.
/// </summary>
[ShortJob]
public class RecurrentBenchmarks
{
    private Action _step = () => { };

    /// <summary>rnn, lstm or gru.</summary>
    [Params("rnn", "lstm", "gru")]
    public string Cell { get; set; } = "lstm";

    /// <summary>infer or train.</summary>
    [Params("infer", "train")]
    public string Mode { get; set; } = "infer";

    /// <summary>T:N:H_in:H.</summary>
    [Params("50:32:32:64", "100:64:128:256")]
    public string Shape { get; set; } = "50:32:32:64";

    /// <summary>Builds the layer, data and optimizer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int[] s = Shape.Split(':').Select(int.Parse).ToArray();
        _step = RecurrentQuick.CreateStep(Cell, Mode, s[0], s[1], s[2], s[3], setToNone: false);
    }

    /// <summary>One call or step.</summary>
    [Benchmark]
    public void Step() => _step();
}
