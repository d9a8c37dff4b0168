using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Engine.Interop;

/// <summary>Saves and loads a module's parameters as safetensors under PyTorch's <c>state_dict</c> names.</summary>
/// <example><code>
/// // PyTorch:  safetensors.torch.save_file(lstm.state_dict(), "lstm.safetensors")
/// var lstm = new Lstm(inputSize: 3, hiddenSize: 2, bidirectional: true);
/// lstm.LoadSafeTensors("lstm.safetensors");
/// lstm.SaveSafeTensors("lstm-tuned.safetensors");   // loads back with safetensors.torch.load_file
/// </code></example>
public static class ModuleSafeTensorsExtensions
{
    /// <summary>Writes every parameter of <paramref name="module"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <param name="module">The module.</param>
    /// <param name="path">The destination file.</param>
    /// <param name="metadata">Optional string metadata stored in the header.</param>
    /// <exception cref="IOException">The file cannot be written; an existing file at <paramref name="path"/> is left unchanged.</exception>
    public static void SaveSafeTensors(this Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Write(path, module.NamedParameters(), metadata);
    }

    /// <summary>Reads a safetensors file and loads it with <see cref="Module.LoadStateDict"/>; nothing changes unless every check passes.</summary>
    /// <param name="module">The module.</param>
    /// <param name="path">The file.</param>
    /// <param name="strict">When true (the default), tensors the module has no parameter for are an error.</param>
    /// <exception cref="SafeTensorsFormatException">The file is malformed or holds a tensor that is not F32.</exception>
    /// <exception cref="StateDictException">A parameter is missing, a name is unexpected (strict), or a value is NaN or infinite.</exception>
    /// <exception cref="TensorShapeException">A tensor's shape differs from the parameter's.</exception>
    public static void LoadSafeTensors(this Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        module.LoadStateDict(SafeTensors.Read(path).Tensors, strict);
    }
}
