using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A lookup table of vectors, as PyTorch's <c>torch.nn.Embedding</c>: <c>y[…, :] = W[index[…], :]</c>.
/// </summary>
/// <remarks>
/// Parameter <c>weight</c> (num_embeddings, embedding_dim), initialised from N(0, 1) like PyTorch; the row at
/// <see cref="PaddingIndex"/>, if any, starts at zero and never receives a gradient. Backward scatter-adds
/// ∂y rows into ∂W (repeated indices accumulate).
/// </remarks>
public sealed class Embedding : Module
{
    /// <summary>Creates the table.</summary>
    /// <param name="numEmbeddings">How many vectors (the vocabulary size).</param>
    /// <param name="embeddingDim">The length of each vector.</param>
    /// <param name="paddingIndex">An index whose vector stays zero and gets no gradient; null for none. Negative values count from the end, as in PyTorch.</param>
    /// <param name="generator">Seeded generator for initialisation; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the padding index is outside [−num_embeddings, num_embeddings).</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIndex = null, RandomGenerator? generator = null)
    {
        if (numEmbeddings < 1)
        {
            ThrowHelper.OutOfRange(nameof(numEmbeddings), numEmbeddings, "a positive number of embeddings");
        }
        if (embeddingDim < 1)
        {
            ThrowHelper.OutOfRange(nameof(embeddingDim), embeddingDim, "a positive embedding dimension");
        }
        if (paddingIndex is int p)
        {
            if (p < -numEmbeddings || p >= numEmbeddings)
            {
                ThrowHelper.OutOfRange(nameof(paddingIndex), p, $"an index in [{-numEmbeddings}, {numEmbeddings - 1}]");
            }
            paddingIndex = p < 0 ? p + numEmbeddings : p;
        }
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIndex = paddingIndex;
        Weight = RegisterParameter("weight", Tensor.Normal(generator ?? new RandomGenerator(0), 0f, 1f, numEmbeddings, embeddingDim));
        if (paddingIndex is int pad)
        {
            Weight.Span.Slice(pad * embeddingDim, embeddingDim).Clear();
        }
    }

    /// <summary>The vocabulary size.</summary>
    public int NumEmbeddings { get; }

    /// <summary>The vector length.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding index (non-negative), or null.</summary>
    public int? PaddingIndex { get; }

    /// <summary>W: (num_embeddings, embedding_dim).</summary>
    public Tensor Weight { get; }

    /// <summary>Looks up the vectors of <paramref name="indices"/>.</summary>
    /// <param name="indices">Indices in [0, num_embeddings), row-major.</param>
    /// <param name="shape">The shape of the index array (*); its product must equal the number of indices. Omitted: a vector.</param>
    /// <returns>(*, embedding_dim).</returns>
    /// <exception cref="TensorShapeException">The shape does not match the number of indices.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public Tensor Forward(ReadOnlySpan<int> indices, params int[] shape)
    {
        if (shape.Length == 0)
        {
            shape = [indices.Length];
        }
        if (ShapeText.ElementCount(shape) != indices.Length)
        {
            ThrowHelper.Shape(nameof(shape), $"a shape holding {indices.Length} indices", shape);
        }
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)NumEmbeddings)
            {
                ThrowHelper.OutOfRange(nameof(indices), indices[i], $"indices[{i}] in [0, {NumEmbeddings - 1}]");
            }
        }
        int dim = EmbeddingDim;
        var output = new float[indices.Length * dim];
        ReadOnlySpan<float> table = Weight.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            table.Slice(indices[i] * dim, dim).CopyTo(output.AsSpan(i * dim, dim));
        }
        var result = new Tensor(output, [.. shape, dim]);
        if (GradMode.IsEnabled && Weight.RequiresGrad)
        {
            result.SetGradFn(new EmbeddingBackward(this, indices.ToArray()), 0);
        }
        return result;
    }

    private sealed class EmbeddingBackward(Embedding layer, int[] indices) : Node(layer.Weight)
    {
        public override string Name => "EmbeddingBackward";

        // Forward copied row W[index[i]] to output row i; so ∂W[index[i]] += ∂y[i], except at the padding index.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            if (outputGradients[0] is not { } dy)
            {
                return [null];
            }
            int dim = layer.EmbeddingDim;
            ReadOnlySpan<float> g = dy.Contiguous().Span;
            var dw = new float[layer.Weight.Count];
            for (int i = 0; i < indices.Length; i++)
            {
                if (indices[i] == layer.PaddingIndex)
                {
                    continue;
                }
                Span<float> row = dw.AsSpan(indices[i] * dim, dim);
                TensorPrimitives.Add(row, g.Slice(i * dim, dim), row);
            }
            return [new Tensor(dw, layer.Weight.ShapeArray)];
        }
    }
}
