using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Persistence;

/// <summary>
/// What a loader reads: the kind and version that were saved, the JSON settings, tensors and children. Every read
/// checks presence and type and throws <see cref="ModelFormatException"/> naming the object and the field.
/// </summary>
public sealed class ModelLoadContext
{
    internal ModelLoadContext(ModelNode node, MLContext context, string path)
    {
        Node = node;
        Context = context;
        Path = path;
    }

    internal ModelNode Node { get; }

    /// <summary>The context the model is loaded into (seed, options).</summary>
    public MLContext Context { get; }

    /// <summary>Where this object sits in the model (for messages): its folder in a model file ("nodes/3"), or its path in memory ("model/1").</summary>
    public string Path { get; }

    /// <summary>The saved kind.</summary>
    public string Kind => Node.Kind;

    /// <summary>The saved format version.</summary>
    public int Version => Node.Version;

    /// <summary>The saved settings.</summary>
    public JsonObject Manifest => Node.Manifest;

    /// <summary>Checks that the saved version is one this loader reads.</summary>
    /// <param name="maximumVersion">The newest version the loader knows.</param>
    /// <exception cref="ModelFormatException">The version is newer or below 1.</exception>
    public void CheckVersion(int maximumVersion)
    {
        if (Version < 1 || Version > maximumVersion)
        {
            throw new ModelFormatException(Path, $"{Kind} format version {Version} is not supported (this library reads 1 … {maximumVersion}).");
        }
    }

    /// <summary>Reads a required setting.</summary>
    /// <typeparam name="T">The .NET type (int, long, float, double, bool, string, or arrays of those).</typeparam>
    /// <param name="field">The setting's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ModelFormatException">Missing or not convertible to <typeparamref name="T"/>.</exception>
    public T Get<T>(string field)
    {
        var node = Manifest[field] ?? throw new ModelFormatException(Path, $"the manifest has no field '{field}'.");
        try
        {
            return node.Deserialize<T>() ?? throw new ModelFormatException(Path, $"field '{field}' is null.");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new ModelFormatException(Path, $"field '{field}' is not a {typeof(T).Name}: {node.ToJsonString()}.", e);
        }
    }

    /// <summary>Reads an optional setting.</summary>
    /// <typeparam name="T">The .NET type.</typeparam>
    /// <param name="field">The setting's name.</param>
    /// <param name="fallback">The value when absent.</param>
    /// <returns>The value or <paramref name="fallback"/>.</returns>
    /// <exception cref="ModelFormatException">Present but not convertible.</exception>
    public T GetOrDefault<T>(string field, T fallback) => Manifest.ContainsKey(field) ? Get<T>(field) : fallback;

    /// <summary>The saved tensors.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => Node.Tensors;

    /// <summary>A required tensor.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ModelFormatException">Missing.</exception>
    public Tensor GetTensor(string name)
        => Node.Tensors.TryGetValue(name, out var tensor) ? tensor : throw new ModelFormatException(Path, $"tensor '{name}' is missing.");

    /// <summary>Loads the child saved under <paramref name="name"/> as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="name">The child's name.</param>
    /// <returns>The loaded child.</returns>
    /// <exception cref="ModelFormatException">Missing, of an unknown kind, or not a <typeparamref name="T"/>.</exception>
    public T LoadChild<T>(string name)
        where T : class
    {
        if (!Node.Children.TryGetValue(name, out var child))
        {
            throw new ModelFormatException(Path, $"child '{name}' is missing.");
        }

        string path = child.Source ?? $"{Path}/{name}";
        var loaded = ModelKinds.Load(new ModelLoadContext(child, Context, path));
        return loaded as T ?? throw new ModelFormatException(path, $"expected a {typeof(T).Name}, found kind '{child.Kind}'.");
    }
}
