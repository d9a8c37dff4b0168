using BenchmarkDotNet.Running;
using MLNet.Recurrent.Benchmarks;

// `gemm-quick [options]`: Stopwatch medians as JSON lines (see GemmQuick); anything not matched below goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "gemm-quick")
{
    return GemmQuick.Run(args[1..]);
}
// `recurrent-quick [options]`: one fused recurrent layer, inference or training step (see RecurrentQuick).
if (args.Length > 0 && args[0] == "recurrent-quick")
{
    return RecurrentQuick.Run(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(GemmBenchmarks).Assembly).Run(args);
return 0;
