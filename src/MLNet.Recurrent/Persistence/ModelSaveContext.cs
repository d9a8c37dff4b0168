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
    /// <exception cref="ArgumentException">A name is used twice.</exception>
    public void SaveTensors(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var (name, tensor) in tensors)
        {
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
    public void SaveChild(string name, ICanSaveModel child)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(child);
        var node = new ModelNode();
        child.Save(new ModelSaveContext(node));
        if (string.IsNullOrEmpty(node.Kind))
        {
            throw new InvalidOperationException($"{child.GetType().Name}.Save did not call SetKind.");
        }

        if (!Node.Children.TryAdd(name, node))
        {
            throw new ArgumentException($"{nameof(name)}: the child name '{name}' is used twice.", nameof(name));
        }
    }
}
