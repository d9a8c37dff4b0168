using System.Globalization;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>
/// Reading and comparing one area's PyTorch parity fixtures (one safetensors file per case under
/// <see cref="FixtureRoot.For"/>): case enumeration for xunit, typed access to a case's tensors and metadata, and the
/// parity tolerance ‖ours − torch‖∞ ≤ rtol·‖torch‖∞ + atol.
/// </summary>
public sealed class ParityFixtures
{
    private ParityFixtures(string name, SafeTensorsFile file)
    {
        Name = name;
        Tensors = file.Tensors;
        Metadata = file.Metadata;
    }

    /// <summary>The case name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>Every tensor of the case, by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The case's string metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>xunit MemberData source: one row (the case name) per file of <paramref name="area"/>, sorted.</summary>
    /// <param name="area">The fixture area, e.g. "losses".</param>
    /// <returns>Rows of one string each.</returns>
    /// <exception cref="DirectoryNotFoundException">The area's directory does not exist.</exception>
    public static IEnumerable<object[]> Cases(string area)
    {
        string directory = FixtureRoot.For(area);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{area} fixtures: expected a directory at '{directory}' (set {FixtureRoot.RootVariable} or run tools/fixtures/generate_{area}_fixtures.py).");
        }
        return Directory.GetFiles(directory, "*.safetensors")
            .Select(p => Path.GetFileNameWithoutExtension(p)!)
            .Order(StringComparer.Ordinal)
            .Select(n => new object[] { n });
    }

    /// <summary>Loads one case of <paramref name="area"/>.</summary>
    /// <param name="area">The fixture area.</param>
    /// <param name="name">The case name.</param>
    /// <param name="format">The expected value of the metadata field <c>format</c>.</param>
    /// <returns>The case.</returns>
    public static ParityFixtures Load(string area, string name, string format)
    {
        var fixture = new ParityFixtures(name, SafeTensors.Read(Path.Combine(FixtureRoot.For(area), name + ".safetensors")));
        Assert.Equal(format, fixture.Text("format"));
        return fixture;
    }

    /// <summary>A required tensor.</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The tensor.</returns>
    public Tensor Tensor(string key)
        => Tensors.TryGetValue(key, out var t) ? t : throw new InvalidDataException($"{Name}: expected a tensor '{key}', found none.");

    /// <summary>An optional tensor.</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The tensor, or null.</returns>
    public Tensor? OptionalTensor(string key) => Tensors.GetValueOrDefault(key);

    /// <summary>A copy of a required tensor with RequiresGrad set (a leaf to differentiate).</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The new leaf.</returns>
    public Tensor Leaf(string key)
    {
        Tensor leaf = Tensor(key).Clone();
        leaf.RequiresGrad = true;
        return leaf;
    }

    /// <summary>A required metadata string.</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The value.</returns>
    public string Text(string key)
        => Metadata.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{Name}: expected metadata '{key}', found none.");

    /// <summary>A metadata integer.</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The value.</returns>
    public int Int(string key) => int.Parse(Text(key), CultureInfo.InvariantCulture);

    /// <summary>A metadata float.</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The value.</returns>
    public float Float(string key) => float.Parse(Text(key), CultureInfo.InvariantCulture);

    /// <summary>A metadata flag ("true" | "false").</summary>
    /// <param name="key">Its name.</param>
    /// <returns>The value.</returns>
    public bool Bool(string key) => Text(key) == "true";

    /// <summary>
    /// Asserts equal shapes and ‖actual − expected‖∞ ≤ <paramref name="rtol"/>·‖expected‖∞ + <paramref name="atol"/>
    /// over the finite expected elements; NaN and ±∞ must be matched exactly.
    /// </summary>
    /// <param name="what">What is compared, for the message.</param>
    /// <param name="expected">PyTorch's values.</param>
    /// <param name="actual">Ours.</param>
    /// <param name="rtol">The relative part. Default 1e-5.</param>
    /// <param name="atol">The absolute floor. Default 1e-6.</param>
    /// <returns>The measured ‖actual − expected‖∞ / max(‖expected‖∞, tiny), for reporting.</returns>
    public static double AssertClose(string what, Tensor expected, Tensor? actual, double rtol = 1e-5, double atol = 1e-6)
    {
        Assert.True(actual is not null, $"{what}: expected a tensor, got null.");
        Assert.Equal(ShapeText.Format(expected.Shape), ShapeText.Format(actual.Shape));
        float[] e = expected.ToArray(), a = actual.ToArray();
        double maxError = 0, maxMagnitude = 0;
        int worst = -1;
        for (int i = 0; i < e.Length; i++)
        {
            if (!float.IsFinite(e[i]))
            {
                Assert.True(e[i].Equals(a[i]), $"{what}: element {i}: expected {e[i]}, got {a[i]}.");
                continue;
            }
            double error = Math.Abs((double)a[i] - e[i]);
            if (!(error <= maxError))
            {
                maxError = error;
                worst = i;
            }
            maxMagnitude = Math.Max(maxMagnitude, Math.Abs(e[i]));
        }
        double bound = rtol * maxMagnitude + atol;
        if (!(maxError <= bound))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: max |ours − torch| = {maxError:E3} at flat index {worst} (ours {a[worst]:G9}, torch {e[worst]:G9}) exceeds {bound:E3} = {rtol}·{maxMagnitude:G4} + {atol}."));
        }
        return maxError / Math.Max(maxMagnitude, 1e-30);
    }
}
