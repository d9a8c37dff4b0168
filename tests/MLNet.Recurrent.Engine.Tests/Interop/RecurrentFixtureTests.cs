using System.Text.Json;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Interop;

public class RecurrentFixtureTests
{
    private static readonly string[] CellNames = ["rnn_tanh", "rnn_relu", "lstm", "gru"];

    [Fact]
    public void CommittedFixtures_CoverTheWholeCrossProduct()
    {
        var cases = RecurrentFixture.LoadAll(RecurrentFixture.CommittedDirectory);
        var present = cases
            .Select(c => (c.Cell, c.NumLayers, c.Bidirectional, HasLengths: c.Lengths is not null, c.HasInitialState, c.BatchFirst))
            .ToHashSet();

        var missing = new List<string>();
        foreach (string cell in CellNames)
        {
            foreach (int layers in new[] { 1, 2, 3 })
            {
                foreach (bool bidi in new[] { false, true })
                {
                    foreach (bool lengths in new[] { false, true })
                    {
                        foreach (bool init in new[] { false, true })
                        {
                            foreach (bool batchFirst in new[] { false, true })
                            {
                                if (!present.Contains((cell, layers, bidi, lengths, init, batchFirst)))
                                {
                                    missing.Add($"{cell} layers={layers} bidi={bidi} lengths={lengths} h0={init} batch_first={batchFirst}");
                                }
                            }
                        }
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, "missing combinations:\n" + string.Join("\n", missing));
        Assert.Equal(192, cases.Count);

        // The variety the generator promises: bias off sometimes, large cases, all-equal and unequal lengths.
        Assert.Contains(cases, c => !c.Bias);
        Assert.Contains(cases, c => c.Bias);
        Assert.All(CellNames, cell => Assert.Contains(cases, c => c.Cell == cell && c.HiddenSize == 16 && c.SeqLen == 12));
        Assert.Contains(cases, c => c.Lengths is { Length: > 1 } l && l.Distinct().Count() == 1);
        Assert.Contains(cases, c => c.Lengths is { } l && l.Distinct().Count() > 1 && !l.SequenceEqual(l.OrderDescending()));
    }

    [Fact]
    public void CommittedIndex_ListsExactlyTheCommittedFiles()
    {
        string directory = RecurrentFixture.CommittedDirectory;
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "index.json")));
        var root = index.RootElement;
        Assert.Equal(RecurrentFixture.Format, root.GetProperty("format").GetString());
        var listed = root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(RecurrentFixture.Names(directory), listed.Order(StringComparer.Ordinal));

        var first = RecurrentFixture.Load(listed[0], directory);
        Assert.Equal(root.GetProperty("seed").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), first.Metadata["seed"]);
        Assert.Equal(root.GetProperty("torch_version").GetString(), first.Metadata["torch_version"]);
    }

    [Fact]
    public void Load_UnknownName_SaysWhereItLooked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RecurrentFixture.Load("999_no_such_case"));
        Assert.Contains("999_no_such_case", error.Message);
    }

    [Theory]
    [MemberData(nameof(RecurrentFixture.Cases), MemberType = typeof(RecurrentFixture))]
    public void Fixture_HasConsistentShapes(string name)
    {
        var f = RecurrentFixture.Load(name);
        int L = f.SeqLen, N = f.Batch, D = f.Directions, H = f.HiddenSize, G = f.Gates;
        int[] input = f.BatchFirst ? [N, L, f.InputSize] : [L, N, f.InputSize];
        int[] output = f.BatchFirst ? [N, L, D * H] : [L, N, D * H];
        int[] state = [D * f.NumLayers, N, H];

        // The name spells the configuration.
        string expectedName = $"{f.Cell}_l{f.NumLayers}_{(f.Bidirectional ? "bi" : "uni")}_{(f.Lengths is null ? "nolen" : "len")}_{(f.HasInitialState ? "h0" : "noh0")}_{(f.BatchFirst ? "bf" : "tf")}";
        Assert.EndsWith(expectedName, name);
        Assert.Contains(f.Cell, CellNames);
        Assert.True(L >= 1 && N >= 1 && f.InputSize >= 1 && H >= 1 && f.NumLayers >= 1);

        AssertShape(input, f.Input, "input");
        AssertShape(input, f.ExpectedGradInput, "expected.grad.input");
        AssertShape(output, f.GradOutput, "grad_output");
        AssertShape(output, f.ExpectedOutput, "expected.output");
        AssertShape(state, f.GradHn, "grad_h_n");
        AssertShape(state, f.ExpectedHn, "expected.h_n");
        AssertOptional(f.IsLstm, state, f.GradCn, "grad_c_n");
        AssertOptional(f.IsLstm, state, f.ExpectedCn, "expected.c_n");
        AssertOptional(f.HasInitialState, state, f.H0, "h0");
        AssertOptional(f.HasInitialState, state, f.ExpectedGradH0, "expected.grad.h0");
        AssertOptional(f.HasInitialState && f.IsLstm, state, f.C0, "c0");
        AssertOptional(f.HasInitialState && f.IsLstm, state, f.ExpectedGradC0, "expected.grad.c0");

        // Parameters: exactly PyTorch's names and shapes, and a gradient for each.
        var expected = new Dictionary<string, int[]>();
        for (int k = 0; k < f.NumLayers; k++)
        {
            for (int d = 0; d < D; d++)
            {
                string suffix = $"_l{k}{(d == 1 ? "_reverse" : "")}";
                expected["weight_ih" + suffix] = [G * H, k == 0 ? f.InputSize : D * H];
                expected["weight_hh" + suffix] = [G * H, H];
                if (f.Bias)
                {
                    expected["bias_ih" + suffix] = [G * H];
                    expected["bias_hh" + suffix] = [G * H];
                }
            }
        }
        Assert.Equal(expected.Keys.Order(), f.Parameters.Keys.Order());
        Assert.Equal(expected.Keys.Order(), f.ExpectedParameterGrads.Keys.Order());
        foreach (var (param, shape) in expected)
        {
            AssertShape(shape, f.Parameters[param], param);
            AssertShape(shape, f.ExpectedParameterGrads[param], "expected.grad." + param);
            float bound = 1 / MathF.Sqrt(H);
            Assert.All(f.Parameters[param].ToArray(), v => Assert.InRange(v, -bound, bound));
        }

        // Lengths: one per sequence, in [1, L], the longest equal to L; outputs and input gradients past each end are 0.
        if (f.Lengths is { } lengths)
        {
            Assert.Equal(N, lengths.Length);
            Assert.All(lengths, l => Assert.InRange(l, 1, L));
            Assert.Equal(L, lengths.Max());
            float[] outputs = f.ExpectedOutput.ToArray(), gradInput = f.ExpectedGradInput.ToArray();
            for (int b = 0; b < N; b++)
            {
                for (int t = lengths[b]; t < L; t++)
                {
                    int row = f.BatchFirst ? b * L + t : t * N + b;
                    Assert.All(outputs.AsSpan(row * D * H, D * H).ToArray(), v => Assert.Equal(0f, v));
                    Assert.All(gradInput.AsSpan(row * f.InputSize, f.InputSize).ToArray(), v => Assert.Equal(0f, v));
                }
            }
        }
        Assert.All(f.ExpectedOutput.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    private static void AssertShape(int[] expected, Tensor? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: expected a tensor of shape {ShapeText.Format(expected)}, got none");
        Assert.True(expected.AsSpan().SequenceEqual(actual.Shape), $"{what}: expected shape {ShapeText.Format(expected)}, got {ShapeText.Format(actual.Shape)}");
    }

    private static void AssertOptional(bool present, int[] shape, Tensor? actual, string what)
    {
        if (present)
        {
            AssertShape(shape, actual, what);
        }
        else
        {
            Assert.True(actual is null, $"{what}: expected none, got {actual}");
        }
    }
}
