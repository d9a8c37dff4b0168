using System.Globalization;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Training;

/// <summary>
/// One case of the <c>optimizers</c> fixture area, written by <c>tools/fixtures/generate_optimizers_fixtures.py</c>
/// (format <c>mlnet-optimizer-fixture/1</c>; the script's docstring describes every field): optimizer trajectories
/// (<c>opt_*</c>), schedules (<c>sched_*</c>) and clipping (<c>clip_*</c>). Read from
/// <c>$MLNET_FIXTURES/optimizers</c> when that variable is set, else from the committed copy.
/// </summary>
internal sealed class TrainingFixture
{
    public const string Area = "optimizers";
    public const string Format = "mlnet-optimizer-fixture/1";

    private TrainingFixture(string name, SafeTensorsFile file)
    {
        Name = name;
        File = file;
    }

    public string Name { get; }

    public SafeTensorsFile File { get; }

    /// <summary>xunit MemberData rows: the names of the cases whose file name starts with <paramref name="prefix"/>.</summary>
    public static IEnumerable<object[]> Cases(string prefix)
    {
        string directory = FixtureRoot.For(Area);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"optimizer fixtures: expected a directory at '{directory}' (run tools/fixtures/generate_optimizers_fixtures.py).");
        }
        return Directory.GetFiles(directory, prefix + "*.safetensors")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name });
    }

    public static TrainingFixture Load(string name)
    {
        var fixture = new TrainingFixture(name, SafeTensors.Read(Path.Combine(FixtureRoot.For(Area), name + ".safetensors")));
        Assert.Equal(Format, fixture.Text("format"));
        return fixture;
    }

    public string Text(string key) => File.Metadata.TryGetValue(key, out string? value)
        ? value
        : throw new InvalidDataException($"{Name}: metadata '{key}' is missing.");

    public bool Has(string key) => File.Metadata.ContainsKey(key);

    public int Integer(string key) => int.Parse(Text(key), CultureInfo.InvariantCulture);

    public float Single(string key) => float.Parse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool Boolean(string key) => Text(key) switch
    {
        "true" => true,
        "false" => false,
        var other => throw new InvalidDataException($"{Name}: metadata '{key}' = '{other}' is not a boolean."),
    };

    /// <summary>A comma-separated list of exact doubles (Python reprs).</summary>
    public double[] Doubles(string key) => Text(key).Split(',')
        .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A fresh copy of a tensor (so the test may change it).</summary>
    public Tensor Tensor(string key) => File.Tensors.TryGetValue(key, out Tensor? tensor)
        ? tensor.Clone()
        : throw new InvalidDataException($"{Name}: tensor '{key}' is missing.");
}
