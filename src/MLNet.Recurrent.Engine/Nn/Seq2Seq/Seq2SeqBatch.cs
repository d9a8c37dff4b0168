using MLNet.Recurrent.Engine.Errors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A padded mini-batch of (source, target) pairs in the layout <see cref="Seq2SeqModel.Forward"/> and a cross-entropy
/// loss expect: the sources as an (N, S) matrix with lengths, the decoder inputs <c>[BOS, y₁, …, y_m]</c> and the labels
/// <c>[y₁, …, y_m, EOS]</c>, both (N, T) with T = 1 + the longest target, padded.
/// </summary>
/// <remarks>Pad the labels with an id the loss ignores (<c>new CrossEntropyLoss(ignoreIndex: targetPaddingIndex)</c>), so
/// padded steps contribute nothing.</remarks>
public sealed class Seq2SeqBatch
{
    private Seq2SeqBatch(int[,] source, int[] sourceLengths, int[,] decoderInput, int[,] labels, int[] targetLengths)
    {
        Source = source;
        SourceLengths = sourceLengths;
        DecoderInput = decoderInput;
        Labels = labels;
        TargetLengths = targetLengths;
    }

    /// <summary>(N, S) source ids, padded.</summary>
    public int[,] Source { get; }

    /// <summary>N source lengths.</summary>
    public int[] SourceLengths { get; }

    /// <summary>(N, T) decoder inputs: BOS, then the target, padded.</summary>
    public int[,] DecoderInput { get; }

    /// <summary>(N, T) labels: the target, then EOS, padded.</summary>
    public int[,] Labels { get; }

    /// <summary>N target lengths counting the EOS (the unpadded steps of each row of <see cref="Labels"/>).</summary>
    public int[] TargetLengths { get; }

    /// <summary>N: the number of pairs.</summary>
    public int Count => SourceLengths.Length;

    /// <summary>Pads a batch of pairs.</summary>
    /// <param name="sources">N source sequences, each non-empty.</param>
    /// <param name="targets">N target sequences (may be empty), without BOS or EOS.</param>
    /// <param name="sourcePaddingIndex">The id that pads the sources.</param>
    /// <param name="targetPaddingIndex">The id that pads decoder inputs and labels (the loss's ignore index).</param>
    /// <param name="bos">The begin-of-sequence id.</param>
    /// <param name="eos">The end-of-sequence id.</param>
    /// <returns>The padded batch.</returns>
    /// <exception cref="ArgumentNullException">A list or sequence is null.</exception>
    /// <exception cref="ArgumentException">The lists are empty or differ in length, or a source is empty.</exception>
    public static Seq2SeqBatch Create(IReadOnlyList<IReadOnlyList<int>> sources, IReadOnlyList<IReadOnlyList<int>> targets,
        int sourcePaddingIndex, int targetPaddingIndex, int bos, int eos)
    {
        ThrowHelper.ThrowIfNull(targets, nameof(targets));
        var (source, sourceLengths) = Pad(sources, sourcePaddingIndex, nameof(sources));
        if (targets.Count != sources.Count)
        {
            ThrowHelper.Argument(nameof(targets), $"expected one target per source (N={sources.Count}), got {targets.Count}.");
        }
        int batch = sources.Count, steps = 1;
        for (int n = 0; n < batch; n++)
        {
            ThrowHelper.ThrowIfNull(targets[n], $"targets[{n}]");
            steps = Math.Max(steps, targets[n].Count + 1);
        }
        var decoderInput = new int[batch, steps];
        var labels = new int[batch, steps];
        var targetLengths = new int[batch];
        for (int n = 0; n < batch; n++)
        {
            IReadOnlyList<int> target = targets[n];
            for (int t = 0; t < steps; t++)
            {
                decoderInput[n, t] = t == 0 ? bos : t <= target.Count ? target[t - 1] : targetPaddingIndex;
                labels[n, t] = t < target.Count ? target[t] : t == target.Count ? eos : targetPaddingIndex;
            }
            targetLengths[n] = target.Count + 1;
        }
        return new Seq2SeqBatch(source, sourceLengths, decoderInput, labels, targetLengths);
    }

    /// <summary>Pads sequences into an (N, L) matrix, L the longest length.</summary>
    /// <param name="sequences">N non-empty sequences.</param>
    /// <param name="paddingIndex">The id written past each sequence's end.</param>
    /// <returns>The matrix and the N lengths.</returns>
    /// <exception cref="ArgumentNullException">The list or a sequence is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, or a sequence is empty.</exception>
    public static (int[,] Tokens, int[] Lengths) Pad(IReadOnlyList<IReadOnlyList<int>> sequences, int paddingIndex)
        => Pad(sequences, paddingIndex, nameof(sequences));

    private static (int[,] Tokens, int[] Lengths) Pad(IReadOnlyList<IReadOnlyList<int>> sequences, int paddingIndex, string name)
    {
        ThrowHelper.ThrowIfNull(sequences, name);
        if (sequences.Count == 0)
        {
            ThrowHelper.Argument(name, "expected at least one sequence, got none.");
        }
        var lengths = new int[sequences.Count];
        for (int n = 0; n < lengths.Length; n++)
        {
            ThrowHelper.ThrowIfNull(sequences[n], $"{name}[{n}]");
            lengths[n] = sequences[n].Count;
            if (lengths[n] == 0)
            {
                ThrowHelper.Argument(name, $"expected non-empty sequences, got an empty one at {name}[{n}].");
            }
        }
        var tokens = new int[lengths.Length, lengths.Max()];
        for (int n = 0; n < lengths.Length; n++)
        {
            for (int s = 0; s < tokens.GetLength(1); s++)
            {
                tokens[n, s] = s < lengths[n] ? sequences[n][s] : paddingIndex;
            }
        }
        return (tokens, lengths);
    }
}
