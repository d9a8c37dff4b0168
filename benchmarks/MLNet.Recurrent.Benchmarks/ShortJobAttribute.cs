using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// The job of the layer benchmarks: one launch, 3 warm-up and 7 measured iterations, with the memory diagnoser, so the
/// whole suite runs in minutes. Noise on a shared machine is large; compare ratios from one run, not absolute times.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ShortJobAttribute : Attribute, IConfigSource
{
    public ShortJobAttribute()
    {
        Config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithStrategy(RunStrategy.Throughput).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(7))
            .AddDiagnoser(MemoryDiagnoser.Default);
    }

    public IConfig Config { get; }
}
