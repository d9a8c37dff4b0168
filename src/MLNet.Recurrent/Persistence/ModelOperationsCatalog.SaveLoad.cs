using MLNet.Recurrent.Engine.Interop;
using System.Text.Json.Nodes;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;
using MLNet.Recurrent.Persistence.Archive;
using MLNet.Recurrent.Persistence.Schema;

namespace MLNet.Recurrent;

/// <summary>Saving and loading models: <c>mlContext.Model.Save</c> and <c>mlContext.Model.Load</c>.</summary>
/// <remarks>
/// A model file is one zip holding JSON manifests and safetensors weights, laid out as docs/model-format.md
/// describes. Loading never instantiates a type named by the file: kinds select loaders from the closed table
/// <see cref="ModelKinds"/>, column types come from a closed set of names.
/// </remarks>
public sealed partial class ModelOperationsCatalog
{
    /// <summary>
    /// Saves a model and the schema of its input to a file, atomically: the file is written beside the target under
    /// a temporary name and then moved over it, so a failure at any point leaves an existing file as it was.
    /// </summary>
    /// <param name="model">The fitted model; null saves an empty <see cref="TransformerChain{TLastTransformer}"/> (as ML.NET does).</param>
    /// <param name="inputSchema">The schema of the data the model reads (column names, types with key counts and vector sizes, annotations such as key values); null records none.</param>
    /// <param name="filePath">The file to create or replace.</param>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is null or empty, or <paramref name="inputSchema"/> has a column or annotation type defined outside this library.</exception>
    /// <exception cref="InvalidOperationException">An object of the model did not name its kind, or wrote settings that are not valid JSON (NaN).</exception>
    /// <exception cref="IOException">The file cannot be written or moved into place.</exception>
    public void Save(ITransformer? model, DataViewSchema? inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var (root, schema) = Prepare(model, inputSchema);
        AtomicFile.Write(filePath, stream => ModelFileWriter.Write(stream, root, schema));
    }

    /// <summary>
    /// Saves a model and the schema of its input to a stream, at its current position; the stream stays open. The
    /// whole model is saved into memory first, so when one of its objects fails to save nothing has been written.
    /// </summary>
    /// <param name="model">The fitted model; null saves an empty <see cref="TransformerChain{TLastTransformer}"/>.</param>
    /// <param name="inputSchema">The schema of the data the model reads; null records none.</param>
    /// <param name="stream">A writable stream (need not be seekable).</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be written, or <paramref name="inputSchema"/> has a type defined outside this library.</exception>
    /// <exception cref="InvalidOperationException">An object of the model did not name its kind, or wrote settings that are not valid JSON.</exception>
    public void Save(ITransformer? model, DataViewSchema? inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException($"{nameof(stream)}: expected a writable stream, got one that cannot be written.", nameof(stream));
        }

        var (root, schema) = Prepare(model, inputSchema);
        ModelFileWriter.Write(stream, root, schema);
    }

    /// <summary>Loads a model and its input schema from a file written by <see cref="Save(ITransformer?, DataViewSchema?, string)"/>.</summary>
    /// <param name="filePath">The model file.</param>
    /// <param name="inputSchema">The saved input schema; null when the model was saved without one.</param>
    /// <returns>The model (a <see cref="TransformerChain{TLastTransformer}"/> of <see cref="ITransformer"/> when a chain was saved).</returns>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is null or empty.</exception>
    /// <exception cref="ModelFormatException">The file is corrupt, truncated, not a model file, of a newer format, or holds an unknown kind; the message names the file, the entry and the problem.</exception>
    /// <exception cref="IOException">The file cannot be opened (for example <see cref="FileNotFoundException"/>).</exception>
    public ITransformer Load(string filePath, out DataViewSchema? inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return Load(stream, ModelFileLimits.Default, out inputSchema);
        }
        catch (ModelFormatException e)
        {
            throw e.InFile(filePath);
        }
    }

    /// <summary>
    /// Loads a model and its input schema from a stream; the stream stays open. A seekable stream is read as a
    /// whole, from its start (a zip is read from its directory at the end); a stream that cannot seek is first
    /// copied into memory, up to 2 GiB.
    /// </summary>
    /// <param name="stream">A readable stream holding a model file.</param>
    /// <param name="inputSchema">The saved input schema; null when the model was saved without one.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read.</exception>
    /// <exception cref="ModelFormatException">The bytes are corrupt, truncated, not a model file, of a newer format, or hold an unknown kind; the message names the entry and the problem.</exception>
    public ITransformer Load(Stream stream, out DataViewSchema? inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Load(stream, ModelFileLimits.Default, out inputSchema);
    }

    /// <summary>Loads a model under explicit reader limits (tests use small ones).</summary>
    /// <param name="stream">A readable stream holding a model file.</param>
    /// <param name="limits">The reader's bounds.</param>
    /// <param name="inputSchema">The saved input schema, or null.</param>
    /// <returns>The model.</returns>
    internal ITransformer Load(Stream stream, ModelFileLimits limits, out DataViewSchema? inputSchema)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException($"{nameof(stream)}: expected a readable stream, got one that cannot be read.", nameof(stream));
        }

        using var copy = stream.CanSeek ? null : CopyToMemory(stream, limits.MaxStreamBytes);
        var (root, schema) = ModelFileReader.Read(copy ?? stream, limits);
        string path = root.Source ?? "model";
        var model = ModelKinds.Load(new ModelLoadContext(root, Context, path)) as ITransformer
            ?? throw new ModelFormatException(path, $"the model's root is a '{root.Kind}', which is not a transformer.");
        inputSchema = schema;
        return model;
    }

    private static (ModelNode Root, JsonArray? Schema) Prepare(ITransformer? model, DataViewSchema? inputSchema)
    {
        var schema = inputSchema is null ? null : SchemaJson.Write(inputSchema, nameof(inputSchema));
        var root = ModelSaveContext.SaveNode(model ?? new TransformerChain<ITransformer>());
        return (root, schema);
    }

    private static MemoryStream CopyToMemory(Stream stream, long maxBytes)
    {
        var memory = new MemoryStream();
        var buffer = new byte[1 << 16];
        int got;
        while ((got = stream.Read(buffer)) > 0)
        {
            if (memory.Length + got > maxBytes)
            {
                throw new ModelFormatException("stream", $"more than {maxBytes} bytes; a model this large must be loaded from a file or a seekable stream.");
            }

            memory.Write(buffer, 0, got);
        }

        memory.Position = 0;
        return memory;
    }
}
