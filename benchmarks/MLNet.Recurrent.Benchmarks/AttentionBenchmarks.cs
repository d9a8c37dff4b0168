using BenchmarkDotNet.Attributes;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Benchmarks;

/// <summary>
/// The attention layers on an encoder–decoder sized problem, N = 32 sequences, S = 50 source and T = 20 target
/// positions, 256 features: forward alone (under no-grad) and forward + backward of the summed outputs.
/// </summary>
[ShortJob]
public class AttentionBenchmarks
{
    private const int Batch = 32, Source = 50, Target = 20, Features = 256, Heads = 8;
    private MultiheadAttention _multihead = null!;
    private LuongAttention _luong = null!;
    private AdditiveAttention _additive = null!;
    private Tensor _queries = null!, _keys = null!, _timeMajorQueries = null!, _timeMajorKeys = null!;

    /// <summary>Whether backward runs too.</summary>
    [Params(false, true)]
    public bool Backward { get; set; }

    /// <summary>Builds the layers and inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var generator = new RandomGenerator(1);
        _multihead = new MultiheadAttention(Features, Heads, generator: generator);
        _luong = new LuongAttention(Features, Features, LuongScore.General, generator: generator);
        _additive = new AdditiveAttention(Features, Features, generator: generator);
        _queries = Tensor.Normal(generator, 0, 1, Batch, Target, Features);
        _keys = Tensor.Normal(generator, 0, 1, Batch, Source, Features);
        _timeMajorQueries = Tensor.Normal(generator, 0, 1, Target, Batch, Features);
        _timeMajorKeys = Tensor.Normal(generator, 0, 1, Source, Batch, Features);
    }

    /// <summary>Scaled dot-product attention of T queries over S keys (no parameters: forward only is timed).</summary>
    [Benchmark]
    public void ScaledDotProduct()
    {
        using var _ = GradMode.NoGrad();
        ScaledDotProductAttention.Forward(_queries, _keys, _keys);
    }

    /// <summary>nn.MultiheadAttention, 8 heads, encoder–decoder attention.</summary>
    [Benchmark]
    public void Multihead() => Run(() => _multihead.Forward(_timeMajorQueries, _timeMajorKeys, _timeMajorKeys).Output);

    /// <summary>Luong "general" attention, T queries per sequence.</summary>
    [Benchmark]
    public void LuongGeneral() => Run(() => _luong.Forward(_queries, _keys).Context);

    /// <summary>Bahdanau (additive) attention, T queries per sequence.</summary>
    [Benchmark]
    public void Additive() => Run(() => _additive.Forward(_queries, _keys).Context);

    private void Run(Func<Tensor> forward)
    {
        if (!Backward)
        {
            using var _ = GradMode.NoGrad();
            forward();
            return;
        }
        forward().Sum().Backward();
    }
}
