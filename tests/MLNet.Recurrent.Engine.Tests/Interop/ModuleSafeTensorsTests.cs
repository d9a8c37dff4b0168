using System.Text.Json;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Interop;

public sealed class ModuleSafeTensorsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnet-recurrent-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadSafeTensors_ReadsAStateDictWrittenByPyTorch()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "interop", "torch_written.safetensors");
        SafeTensorsFile file = SafeTensors.Read(path);
        var lstm = new Lstm(inputSize: 3, hiddenSize: 2, bidirectional: true);
        var state = file.Tensors.Where(t => t.Key.Contains("_l0")).ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(8, state.Count);
        lstm.LoadStateDict(state);
        foreach (var (name, parameter) in lstm.NamedParameters())
        {
            float[] expected = JsonSerializer.Deserialize<float[]>(file.Metadata["expected." + name])!;
            Assert.Equal(expected, parameter.ToArray());
        }
    }

    [Fact]
    public void SaveThenLoad_RoundTripsEveryParameterAndOutput()
    {
        var source = new Gru(inputSize: 4, hiddenSize: 5, numLayers: 2, bidirectional: true, generator: new RandomGenerator(11));
        string path = Path.Combine(_directory, "gru.safetensors");
        source.SaveSafeTensors(path);
        var target = new Gru(inputSize: 4, hiddenSize: 5, numLayers: 2, bidirectional: true, generator: new RandomGenerator(12));
        target.LoadSafeTensors(path);
        foreach (var (name, parameter) in source.NamedParameters())
        {
            Assert.Equal(parameter.ToArray(), target.StateDict()[name].ToArray());
        }
        Tensor x = Tensor.Normal(new RandomGenerator(1), 0, 1, 6, 3, 4);
        Assert.Equal(source.Forward(x).Output.ToArray(), target.Forward(x).Output.ToArray());
    }

    [Fact]
    public void LoadSafeTensors_NaNWeight_ThrowsNamingTheParameter()
    {
        var lstm = new Lstm(inputSize: 2, hiddenSize: 3);
        var state = lstm.StateDict();
        float[] values = state["bias_ih_l0"].ToArray();
        values[7] = float.NaN;
        state["bias_ih_l0"] = Tensor.FromArray(values, 12);
        string path = Path.Combine(_directory, "poisoned.safetensors");
        SafeTensors.Write(path, state);
        var error = Assert.Throws<StateDictException>(() => lstm.LoadSafeTensors(path));
        Assert.Equal("bias_ih_l0", error.ParameterName);
        Assert.Contains("flat index 7", error.Message);
    }

    [Fact]
    public void LoadSafeTensors_WrongModuleShape_ThrowsShapeError()
    {
        string path = Path.Combine(_directory, "lstm.safetensors");
        new Lstm(inputSize: 2, hiddenSize: 3).SaveSafeTensors(path);
        var error = Assert.Throws<TensorShapeException>(() => new Lstm(inputSize: 2, hiddenSize: 4).LoadSafeTensors(path));
        Assert.Contains("weight_ih_l0", error.Message);
        Assert.Contains("(16, 2)", error.Message);
        Assert.Contains("(12, 2)", error.Message);
    }
}
