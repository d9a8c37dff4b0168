using System.Text.Json.Nodes;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Persistence;

/// <summary>
/// One saved object in memory: its kind and format version, a JSON manifest of settings, named tensors (written as
/// one safetensors file) and named children. A model file is a tree of these, one folder per node inside the zip.
/// </summary>
internal sealed class ModelNode
{
    public string Kind { get; set; } = "";

    public int Version { get; set; }

    public JsonObject Manifest { get; init; } = [];

    public Dictionary<string, Tensor> Tensors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ModelNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>The folder of the model file this node was read from ("nodes/3"), named in load errors; null when built in memory.</summary>
    public string? Source { get; init; }
}
