using System.Text.Json.Nodes;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Tests.Recurrent;

/// <summary>Saves a model into a node tree, passes every manifest through JSON text and every node's tensors through safetensors bytes (as a model file would), and loads it back.</summary>
internal static class ModelRoundTrip
{
    public static T SaveAndLoad<T>(ICanSaveModel model, MLContext mlContext)
        where T : class
    {
        var node = new ModelNode();
        model.Save(new ModelSaveContext(node));
        return Assert.IsType<T>(ModelKinds.Load(new ModelLoadContext(Copy(node), mlContext, "model")));
    }

    private static ModelNode Copy(ModelNode node)
    {
        var copy = new ModelNode
        {
            Kind = node.Kind,
            Version = node.Version,
            Manifest = (JsonObject)JsonNode.Parse(node.Manifest.ToJsonString())!,
        };
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, node.Tensors);
        stream.Position = 0;
        foreach (var (name, tensor) in SafeTensors.Read(stream).Tensors)
        {
            copy.Tensors[name] = tensor;
        }

        foreach (var (name, child) in node.Children)
        {
            copy.Children[name] = Copy(child);
        }

        return copy;
    }
}
