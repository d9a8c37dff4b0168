using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>
/// One PyTorch parity case written by <c>tools/fixtures/generate_recurrent_fixtures.py</c> (format
/// <c>mlnet-recurrent-fixture/1</c>; the script's docstring describes every field): a module configuration,
/// its parameters under PyTorch's state_dict names, inputs, upstream gradients, and PyTorch's outputs and gradients.
/// </summary>
/// <remarks>
/// <para>Cases come from the directory named by the environment variable <c>MLNET_RECURRENT_FIXTURES</c> when it is
/// set, else from the committed set copied next to the test assembly (<c>fixtures/recurrent</c>).</para>
/// <para>Dimension legend: L (time), N (batch), D (directions), H_in (<see cref="InputSize"/>), H_out
/// (<see cref="HiddenSize"/>). Shapes: input (L, N, H_in) or (N, L, H_in) when <see cref="BatchFirst"/>; output
/// (L, N, D·H_out) or (N, L, D·H_out); states (D·num_layers, N, H_out), indexed layer·D + direction.</para>
/// <para>Use as <c>[Theory, MemberData(nameof(RecurrentFixture.Cases), MemberType = typeof(RecurrentFixture))]</c>
/// with a <c>string name</c> parameter, then <c>RecurrentFixture.Load(name)</c>.</para>
/// </remarks>
public sealed partial class RecurrentFixture
{
    /// <summary>The format tag every case file carries in its metadata.</summary>
    public const string Format = "mlnet-recurrent-fixture/1";

    /// <summary>The environment variable that points the tests at another fixture directory.</summary>
    public const string DirectoryVariable = "MLNET_RECURRENT_FIXTURES";

    /// <summary>The committed fixtures, as copied into the test output directory.</summary>
    public static string CommittedDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "recurrent");

    /// <summary>The directory cases are read from: <c>MLNET_RECURRENT_FIXTURES</c> when set, else <c>$MLNET_FIXTURES/recurrent</c> (<see cref="FixtureRoot"/>), else <see cref="CommittedDirectory"/>.</summary>
    public static string FixtureDirectory
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable(DirectoryVariable);
            return string.IsNullOrWhiteSpace(overridden) ? FixtureRoot.For("recurrent") : Path.GetFullPath(overridden);
        }
    }

    /// <summary>The case names (file names without extension) in <paramref name="directory"/>, sorted.</summary>
    /// <param name="directory">Where to look; default <see cref="FixtureDirectory"/>.</param>
    /// <returns>The names.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<string> Names(string? directory = null)
    {
        directory ??= FixtureDirectory;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"recurrent fixtures: expected a directory at '{directory}' (set {DirectoryVariable} or run tools/fixtures/generate_recurrent_fixtures.py).");
        }
        return Directory.GetFiles(directory, "*.safetensors")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(n => n!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>xunit MemberData source: one row per case, holding its name.</summary>
    /// <returns>Rows of one string each.</returns>
    public static IEnumerable<object[]> Cases() => Names().Select(n => new object[] { n });

    /// <summary>Loads every case.</summary>
    /// <param name="directory">Where to look; default <see cref="FixtureDirectory"/>.</param>
    /// <returns>The cases, sorted by name.</returns>
    public static IReadOnlyList<RecurrentFixture> LoadAll(string? directory = null)
    {
        directory ??= FixtureDirectory;
        return Names(directory).Select(n => Load(n, directory)).ToArray();
    }

    /// <summary>Loads one case by name.</summary>
    /// <param name="name">The file name without extension, e.g. <c>000_rnn_tanh_l1_uni_nolen_noh0_tf</c>.</param>
    /// <param name="directory">Where to look; default <see cref="FixtureDirectory"/>.</param>
    /// <returns>The case.</returns>
    /// <exception cref="FileNotFoundException">No such case.</exception>
    /// <exception cref="InvalidDataException">The file is not a recurrent fixture or lacks a field.</exception>
    public static RecurrentFixture Load(string name, string? directory = null)
    {
        directory ??= FixtureDirectory;
        string path = Path.Combine(directory, name + ".safetensors");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recurrent fixture '{name}': expected a file at '{path}'.", path);
        }
        return new RecurrentFixture(name, path, SafeTensors.Read(path));
    }

    private RecurrentFixture(string name, string path, SafeTensorsFile file)
    {
        Name = name;
        FilePath = path;
        Metadata = file.Metadata;
        string format = Meta("format");
        if (format != Format)
        {
            throw Invalid($"metadata 'format': expected {Format}, got {format}");
        }
        Cell = Meta("cell");
        InputSize = Int("input_size");
        HiddenSize = Int("hidden_size");
        NumLayers = Int("num_layers");
        Bidirectional = Bool("bidirectional");
        BatchFirst = Bool("batch_first");
        Bias = Bool("bias");
        SeqLen = Int("seq_len");
        Batch = Int("batch");
        HasInitialState = Bool("has_initial_state");
        string lengths = Meta("lengths");
        Lengths = lengths.Length == 0 ? null : JsonSerializer.Deserialize<int[]>(lengths) ?? throw Invalid("metadata 'lengths': expected a JSON array, got null");

        var tensors = file.Tensors;
        Tensor Required(string key) => tensors.TryGetValue(key, out var t) ? t : throw Invalid($"expected a tensor '{key}', found none");
        Tensor? Optional(string key) => tensors.GetValueOrDefault(key);

        Parameters = tensors.Where(p => ParameterName().IsMatch(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        ExpectedParameterGrads = Parameters.Keys.ToDictionary(k => k, k => Required("expected.grad." + k));
        Input = Required("input");
        H0 = Optional("h0");
        C0 = Optional("c0");
        GradOutput = Required("grad_output");
        GradHn = Required("grad_h_n");
        GradCn = Optional("grad_c_n");
        ExpectedOutput = Required("expected.output");
        ExpectedHn = Required("expected.h_n");
        ExpectedCn = Optional("expected.c_n");
        ExpectedGradInput = Required("expected.grad.input");
        ExpectedGradH0 = Optional("expected.grad.h0");
        ExpectedGradC0 = Optional("expected.grad.c0");
    }

    [GeneratedRegex(@"^(weight|bias)_(ih|hh)_l[0-9]+(_reverse)?$")]
    private static partial Regex ParameterName();

    private string Meta(string key)
        => Metadata.TryGetValue(key, out var value) ? value : throw Invalid($"expected metadata '{key}', found none");

    private int Int(string key)
        => int.TryParse(Meta(key), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : throw Invalid($"metadata '{key}': expected a non-negative integer, got '{Meta(key)}'");

    private bool Bool(string key) => Meta(key) switch
    {
        "true" => true,
        "false" => false,
        var other => throw Invalid($"metadata '{key}': expected true or false, got '{other}'"),
    };

    private InvalidDataException Invalid(string message) => new($"recurrent fixture '{Name}' ({FilePath}): {message}.");

    /// <summary>The case name (file name without extension).</summary>
    public string Name { get; }

    /// <summary>The file it was read from.</summary>
    public string FilePath { get; }

    /// <summary>All metadata of the file, including torch_version, seed and case_seed.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>rnn_tanh, rnn_relu, lstm or gru.</summary>
    public string Cell { get; }

    /// <summary>H_in.</summary>
    public int InputSize { get; }

    /// <summary>H_out.</summary>
    public int HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Whether there is a reverse direction (D = 2).</summary>
    public bool Bidirectional { get; }

    /// <summary>Whether input and output are (N, L, ·) rather than (L, N, ·). States are (D·num_layers, N, H_out) either way.</summary>
    public bool BatchFirst { get; }

    /// <summary>Whether the module has bias_ih / bias_hh parameters.</summary>
    public bool Bias { get; }

    /// <summary>L, the padded sequence length.</summary>
    public int SeqLen { get; }

    /// <summary>N, the batch size.</summary>
    public int Batch { get; }

    /// <summary>Each sequence's length in original batch order (unsorted, in [1, L], max = L), or null when all are L and no packing was used.</summary>
    public int[]? Lengths { get; }

    /// <summary>Whether h0 (and c0 for LSTM) were given; otherwise PyTorch used zeros.</summary>
    public bool HasInitialState { get; }

    /// <summary>The module's parameters under PyTorch's state_dict names (weight_ih_l0, bias_hh_l1_reverse, ...).</summary>
    public IReadOnlyDictionary<string, Tensor> Parameters { get; }

    /// <summary>The input, (L, N, H_in) or (N, L, H_in).</summary>
    public Tensor Input { get; }

    /// <summary>The initial hidden state (D·num_layers, N, H_out), or null.</summary>
    public Tensor? H0 { get; }

    /// <summary>The initial LSTM cell state (D·num_layers, N, H_out), or null.</summary>
    public Tensor? C0 { get; }

    /// <summary>The upstream gradient of the padded output; random also at padded positions, which must be ignored.</summary>
    public Tensor GradOutput { get; }

    /// <summary>The upstream gradient of h_n.</summary>
    public Tensor GradHn { get; }

    /// <summary>The upstream gradient of c_n (LSTM only), or null.</summary>
    public Tensor? GradCn { get; }

    /// <summary>PyTorch's padded output (zero past each sequence's length).</summary>
    public Tensor ExpectedOutput { get; }

    /// <summary>PyTorch's h_n: forward direction after each sequence's last step, reverse direction after step 0.</summary>
    public Tensor ExpectedHn { get; }

    /// <summary>PyTorch's c_n (LSTM only), or null.</summary>
    public Tensor? ExpectedCn { get; }

    /// <summary>∂loss/∂input (zero at padded positions).</summary>
    public Tensor ExpectedGradInput { get; }

    /// <summary>∂loss/∂h0 when an initial state was given, else null.</summary>
    public Tensor? ExpectedGradH0 { get; }

    /// <summary>∂loss/∂c0 (LSTM with initial state), else null.</summary>
    public Tensor? ExpectedGradC0 { get; }

    /// <summary>∂loss/∂parameter for every entry of <see cref="Parameters"/>, by the same names.</summary>
    public IReadOnlyDictionary<string, Tensor> ExpectedParameterGrads { get; }

    /// <summary>D: 2 when bidirectional, else 1.</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>G: 4 for LSTM, 3 for GRU, 1 for the plain RNNs.</summary>
    public int Gates => Cell switch { "lstm" => 4, "gru" => 3, _ => 1 };

    /// <summary>Whether this is an LSTM case (then c0 / c_n apply).</summary>
    public bool IsLstm => Cell == "lstm";

    /// <inheritdoc/>
    public override string ToString() => Name;
}
