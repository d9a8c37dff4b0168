using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The network of the sequence tagger: a <see cref="SequenceEncoder"/> and a linear head applied at every step,
/// <code>z_t = W_head · dropout(h_t) + b_head</code>
/// giving C tag logits per step (p(tag | t) = softmax(z_t)); a bidirectional encoder lets h_t see both sides of step t.
/// </summary>
/// <remarks>Parameters: <c>encoder.*</c>, <c>head.weight</c> (C, D·H), <c>head.bias</c> (C).</remarks>
public sealed class SequenceTaggingNetwork : Module
{
    internal SequenceTaggingNetwork(RecurrentNetworkSpec spec)
    {
        var generator = new RandomGenerator(spec.Seed);
        Encoder = RegisterModule("encoder", new SequenceEncoder(spec, generator));
        Head = RegisterModule("head", new Linear(Encoder.OutputSize, spec.OutputSize, bias: true, generator));
    }

    /// <summary>The embedding and recurrent stack.</summary>
    public SequenceEncoder Encoder { get; }

    /// <summary>The per-step head, D·H → C.</summary>
    public Linear Head { get; }

    /// <summary>Tag logits for every step of a batch.</summary>
    /// <param name="batch">The padded sequences.</param>
    /// <returns>(L, N, C); rows past a sequence's length are the head's bias (ignore them).</returns>
    internal Tensor Forward(SequenceBatch batch) => Head.Forward(Encoder.Dropout(Encoder.Forward(batch).Output));
}
