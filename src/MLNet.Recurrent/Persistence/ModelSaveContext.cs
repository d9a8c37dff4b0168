using System.Text.Json.Nodes;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Persistence;

/// <summary>
/// Where an <see cref="ICanSaveModel"/> writes itself: a kind name and version (looked up in
/// <see cref="ModelKinds"/> when loading), JSON settings, tensors and child objects.
/// </summary>
public sealed class ModelSaveContext
{
    internal ModelSaveContext(ModelNode node) => Node = node;

    internal ModelNode Node { get; }

    /// <summary>The JSON object that receives this object's settings (plain values: numbers, strings, arrays).</summary>
    public JsonObject Manifest => Node.Manifest;

    /// <summary>Names the kind of object saved and the version of its format.</summary>
    /// <param name="kind">A kind registered in <see cref="ModelKinds"/>.</param>
    /// <param name="version">The format version (≥ 1) the loader checks.</param>
    /// <exception cref="ArgumentException">An empty kind or a version below 1.</exception>
    public void SetKind(string kind, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Node.Kind = kind;
        Node.Version = version;
    }

    /// <summary>Saves tensors (weights, statistics) under names unique within this object.</summary>
    /// <param name="tensors">Name → tensor; values are copied when the file is written.</param>
    /// <exception cref="ArgumentException">A name is empty, reserved ("__metadata__", the safetensors metadata key) or used twice.</exception>
    /// <exception cref="ArgumentNullException">A tensor is null.</exception>
    public void SaveTensors(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__")
            {
                throw new ArgumentException($"{nameof(tensors)}: expected a tensor name that is not empty and not '__metadata__', got '{name}'.", nameof(tensors));
            }

            if (tensor is null)
            {
                throw new ArgumentNullException(nameof(tensors), $"{nameof(tensors)}: expected a tensor for '{name}', got null.");
            }

            if (!Node.Tensors.TryAdd(name, tensor))
            {
                throw new ArgumentException($"{nameof(tensors)}: the name '{name}' is used twice.", nameof(tensors));
            }
        }
    }

    /// <summary>Saves a child object under <paramref name="name"/>.</summary>
    /// <param name="name">Unique within this object.</param>
    /// <param name="child">The child.</param>
    /// <exception cref="ArgumentException">The name is used twice.</exception>
    /// <exception cref="InvalidOperationException">The child's Save did not call <see cref="SetKind"/>.</exception>
    public void SaveChild(string name, ICanSaveModel child)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(child);
        if (Node.Children.ContainsKey(name))
        {
            throw new ArgumentException($"{nameof(name)}: the child name '{name}' is used twice.", nameof(name));
        }

        Node.Children.Add(name, SaveNode(child));
    }

    /// <summary>Saves <paramref name="model"/> into a new node.</summary>
    /// <param name="model">The object to save.</param>
    /// <returns>Its node.</returns>
    /// <exception cref="InvalidOperationException">Its Save did not call <see cref="SetKind"/>.</exception>
    internal static ModelNode SaveNode(ICanSaveModel model)
    {
        var node = new ModelNode();
        model.Save(new ModelSaveContext(node));
        return string.IsNullOrEmpty(node.Kind)
            ? throw new InvalidOperationException($"{model.GetType().Name}.Save did not call SetKind.")
            : node;
    }
}
