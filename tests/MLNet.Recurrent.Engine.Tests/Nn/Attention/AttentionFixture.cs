using System.Text.Json;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn.Attention;

/// <summary>
/// One PyTorch parity case written by <c>tools/fixtures/generate_attention_fixtures.py</c> (format
/// <c>mlnet-attention-fixture/1</c>; the script's docstring describes every field): the generic
/// <see cref="ParityFixtures"/> access plus what the attention cases add — parameter and input lists, lengths, masks.
/// </summary>
public sealed class AttentionFixture
{
    /// <summary>The fixture area (directory under the fixture root).</summary>
    public const string Area = "attention";

    /// <summary>The format tag every case file carries.</summary>
    public const string Format = "mlnet-attention-fixture/1";

    private AttentionFixture(ParityFixtures file)
    {
        File = file;
    }

    /// <summary>The case's tensors and metadata.</summary>
    public ParityFixtures File { get; }

    /// <summary>mha, additive, luong, sdpa or pooling.</summary>
    public string Module => File.Text("module");

    /// <summary>The lengths, or null.</summary>
    public int[]? Lengths => File.Text("lengths") is { Length: > 0 } text ? JsonSerializer.Deserialize<int[]>(text) : null;

    /// <summary>The parameters under their PyTorch names.</summary>
    public Dictionary<string, Tensor> Parameters => Names("parameters").ToDictionary(n => n, File.Tensor, StringComparer.Ordinal);

    /// <summary>The input names, in order (tensors <c>input.&lt;name&gt;</c>).</summary>
    public string[] InputNames => Names("inputs");

    /// <summary>xunit MemberData source: one row per case file.</summary>
    /// <returns>Rows holding the case name.</returns>
    public static IEnumerable<object[]> Cases() => ParityFixtures.Cases(Area);

    /// <summary>Loads a case by name.</summary>
    /// <param name="name">The file name without extension.</param>
    /// <returns>The case.</returns>
    public static AttentionFixture Load(string name) => new(ParityFixtures.Load(Area, name, Format));

    /// <summary>The mask <c>mask.&lt;name&gt;</c> as an <see cref="AttentionMask"/> (boolean from 0/1 values, or additive), or null when absent.</summary>
    /// <param name="name">The mask's name.</param>
    /// <returns>The mask, or null.</returns>
    public AttentionMask? Mask(string name)
    {
        if (File.OptionalTensor("mask." + name) is not { } values)
        {
            return null;
        }
        return File.Text("mask." + name) == "bool"
            ? AttentionMask.FromBoolean(values.ToArray().Select(v => v != 0f).ToArray(), values.Shape.ToArray())
            : AttentionMask.FromAdditive(values);
    }

    private string[] Names(string key) => File.Text(key).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
