using System.Collections.ObjectModel;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Interop;

/// <summary>The contents of a safetensors file: its named tensors and its string metadata.</summary>
/// <remarks>Both dictionaries are read-only and enumerate in file order: tensors in the order of their data in the
/// file (which is header order for files this engine writes), metadata in header order.</remarks>
public sealed class SafeTensorsFile
{
    internal SafeTensorsFile(OrderedDictionary<string, Tensor> tensors, OrderedDictionary<string, string> metadata)
    {
        Tensors = new ReadOnlyDictionary<string, Tensor>(tensors);
        Metadata = new ReadOnlyDictionary<string, string>(metadata);
    }

    /// <summary>The tensors by name (for a PyTorch <c>state_dict</c>, names such as <c>weight_ih_l0</c>), in file order.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries of the header; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }
}
