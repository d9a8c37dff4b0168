using System.Globalization;
using System.Text.Json;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

/// <summary>
/// One PyTorch parity case written by <c>tools/fixtures/generate_attention_fixtures.py</c> (format
/// <c>mlnet-attention-fixture/1</c>; the script's docstring describes every field), read from
/// <see cref="FixtureRoot.For"/>("attention").
/// </summary>
public sealed class AttentionFixture
{
    /// <summary>The format tag every case file carries.</summary>
    public const string Format = "mlnet-attention-fixture/1";

    private readonly SafeTensorsFile _file;

    private AttentionFixture(string name, SafeTensorsFile file)
    {
        Name = name;
        _file = file;
        if (Meta("format") != Format)
        {
            throw new InvalidDataException($"{name}: expected format '{Format}', got '{Meta("format")}'.");
        }
    }

    /// <summary>The case name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>mha, additive, luong, sdpa or pooling.</summary>
    public string Module => Meta("module");

    /// <summary>The lengths, or null.</summary>
    public int[]? Lengths => Meta("lengths") is { Length: > 0 } text ? JsonSerializer.Deserialize<int[]>(text) : null;

    /// <summary>The parameters under their PyTorch names.</summary>
    public Dictionary<string, Tensor> Parameters => Names("parameters").ToDictionary(n => n, Tensor, StringComparer.Ordinal);

    /// <summary>The input names, in order (tensors <c>input.&lt;name&gt;</c>).</summary>
    public string[] InputNames => Names("inputs");

    /// <summary>xunit MemberData source: one row per case file.</summary>
    /// <returns>Rows holding the case name.</returns>
    public static IEnumerable<object[]> Cases()
    {
        string directory = FixtureRoot.For("attention");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"attention fixtures: expected a directory at '{directory}' (run tools/fixtures/generate_attention_fixtures.py).");
        }
        return Directory.GetFiles(directory, "*.safetensors")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal)
            .Select(n => new object[] { n });
    }

    /// <summary>Loads a case by name.</summary>
    /// <param name="name">The file name without extension.</param>
    /// <returns>The case.</returns>
    public static AttentionFixture Load(string name)
        => new(name, SafeTensors.Read(Path.Combine(FixtureRoot.For("attention"), name + ".safetensors")));

    /// <summary>A metadata value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public string Meta(string key)
        => _file.Metadata.TryGetValue(key, out string? value) ? value : throw new InvalidDataException($"{Name}: metadata '{key}' is missing.");

    /// <summary>An integer metadata value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public int Int(string key) => int.Parse(Meta(key), CultureInfo.InvariantCulture);

    /// <summary>A "true"/"false" metadata value.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public bool Flag(string key) => Meta(key) == "true";

    /// <summary>A tensor by name.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>The tensor.</returns>
    public Tensor Tensor(string name)
        => _file.Tensors.TryGetValue(name, out Tensor? t) ? t : throw new InvalidDataException($"{Name}: tensor '{name}' is missing.");

    /// <summary>Whether the file holds a tensor.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>True when present.</returns>
    public bool Has(string name) => _file.Tensors.ContainsKey(name);

    /// <summary>The mask <c>mask.&lt;name&gt;</c> as an <see cref="AttentionMask"/> (boolean from 0/1 values, or additive), or null when absent.</summary>
    /// <param name="name">The mask's name.</param>
    /// <returns>The mask, or null.</returns>
    public AttentionMask? Mask(string name)
    {
        if (!Has("mask." + name))
        {
            return null;
        }
        Tensor values = Tensor("mask." + name);
        return Meta("mask." + name) == "bool"
            ? AttentionMask.FromBoolean(values.ToArray().Select(v => v != 0f).ToArray(), values.Shape.ToArray())
            : AttentionMask.FromAdditive(values);
    }

    private string[] Names(string key) => Meta(key).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
