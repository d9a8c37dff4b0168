using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Autograd;

/// <summary>Runs reverse-mode differentiation over the recorded graph (Kahn's algorithm over node dependencies).</summary>
internal static class BackwardEngine
{
    public static void Run(Tensor root, Tensor rootGradient)
    {
        if (root.GradFn is null)
        {
            AccumulateLeaf(root, rootGradient);
            return;
        }

        // Count, for every node reachable from the root, how many consumers will send it a gradient.
        var dependencies = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>();
        dependencies[root.GradFn] = 0;
        stack.Push(root.GradFn);
        while (stack.Count > 0)
        {
            Node node = stack.Pop();
            foreach (Tensor input in node.Inputs)
            {
                if (!input.RequiresGrad || input.GradFn is null)
                {
                    continue;
                }
                if (dependencies.TryGetValue(input.GradFn, out int count))
                {
                    dependencies[input.GradFn] = count + 1;
                }
                else
                {
                    dependencies[input.GradFn] = 1;
                    stack.Push(input.GradFn);
                }
            }
        }

        var pending = new Dictionary<Node, Tensor?[]>(ReferenceEqualityComparer.Instance);
        pending[root.GradFn] = new Tensor?[root.GradFn.OutputCount];
        pending[root.GradFn][root.OutputIndex] = rootGradient;
        var ready = new Queue<Node>();
        ready.Enqueue(root.GradFn);

        using (GradMode.NoGrad())
        {
            while (ready.Count > 0)
            {
                Node node = ready.Dequeue();
                // A node no gradient reached still releases its inputs' producers.
                Tensor?[]? inputGradients = pending.Remove(node, out Tensor?[]? outputGradients)
                    ? node.Backward(outputGradients)
                    : null;
                for (int i = 0; i < node.Inputs.Length; i++)
                {
                    Tensor input = node.Inputs[i];
                    if (!input.RequiresGrad)
                    {
                        continue;
                    }
                    Tensor? gradient = inputGradients?[i];
                    if (gradient is not null && !gradient.Shape.SequenceEqual(input.Shape))
                    {
                        throw new InvalidOperationException(
                            $"{node.Name}: the gradient of input {i} has shape {ShapeText.Format(gradient.Shape)}, expected the input's shape {ShapeText.Format(input.Shape)}.");
                    }
                    if (input.GradFn is null)
                    {
                        if (gradient is not null)
                        {
                            AccumulateLeaf(input, gradient);
                        }
                        continue;
                    }
                    Node producer = input.GradFn;
                    if (gradient is not null)
                    {
                        if (!pending.TryGetValue(producer, out Tensor?[]? slots))
                        {
                            slots = new Tensor?[producer.OutputCount];
                            pending[producer] = slots;
                        }
                        slots[input.OutputIndex] = slots[input.OutputIndex] is { } existing
                            ? Sum(existing, gradient)
                            : gradient;
                    }
                    int remaining = dependencies[producer] - 1;
                    dependencies[producer] = remaining;
                    if (remaining == 0)
                    {
                        ready.Enqueue(producer);
                    }
                }
            }
        }
    }

    /// <summary>Gradients accumulate into the leaf's own buffer (a clone of the first gradient that reached it).</summary>
    private static void AccumulateLeaf(Tensor leaf, Tensor gradient)
    {
        if (leaf.Grad is null)
        {
            leaf.Grad = gradient.Clone();
            return;
        }
        Span<float> target = leaf.Grad.Span;
        leaf.Device.Backend.Map(Kernels.BinaryOp.Add, target, gradient.Contiguous().Span, target);
    }

    /// <summary>Out of place: a node may hand the same gradient tensor to several inputs, so none is mutated.</summary>
    private static Tensor Sum(Tensor a, Tensor b)
    {
        var result = new float[a.Count];
        a.Device.Backend.Map(Kernels.BinaryOp.Add, a.Contiguous().Span, b.Contiguous().Span, result);
        return new Tensor(result, a.ShapeArray);
    }
}
