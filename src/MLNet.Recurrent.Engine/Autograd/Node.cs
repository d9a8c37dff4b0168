using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Autograd;

/// <summary>
/// A recorded operation on the autograd tape: it remembers its inputs (and whatever its forward pass saved) and
/// maps the gradients of its outputs to the gradients of its inputs.
/// </summary>
/// <remarks>
/// Nodes are numbered in creation order; the backward engine visits them in reverse topological order, which for
/// a single-threaded program is reverse tape order. Subclasses live next to the forward operation they differentiate.
/// </remarks>
internal abstract class Node
{
    protected Node(params Tensor[] inputs)
    {
        Inputs = inputs;
    }

    /// <summary>The operands, in the order <see cref="Backward"/> returns their gradients.</summary>
    public Tensor[] Inputs { get; }

    /// <summary>How many tensors the operation produced.</summary>
    public virtual int OutputCount => 1;

    /// <summary>A name for messages, after PyTorch's grad_fn names (e.g. "MatMulBackward").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Maps output gradients to input gradients. <paramref name="outputGradients"/> has <see cref="OutputCount"/>
    /// entries, null where no gradient reached that output (read it as zeros). Returns one entry per input, null
    /// where the input does not require grad. Runs with recording disabled.
    /// </summary>
    public abstract Tensor?[] Backward(Tensor?[] outputGradients);

    /// <summary>Whether input <paramref name="index"/> needs a gradient.</summary>
    protected bool NeedsGrad(int index) => Inputs[index].RequiresGrad;
}
