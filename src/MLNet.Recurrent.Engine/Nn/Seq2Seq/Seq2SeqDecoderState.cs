using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What a <see cref="Seq2SeqDecoder"/> carries from one step to the next.</summary>
/// <param name="Hidden">s_{t−1}: the recurrent hidden state (num_layers, N, H).</param>
/// <param name="Cell">The LSTM cell state (num_layers, N, H); null for Rnn and Gru.</param>
/// <param name="Feed">h̃_{t−1}: the previous attentional state (N, H) for Luong input feeding (zeros before the first step); null without input feeding.</param>
public sealed record Seq2SeqDecoderState(Tensor Hidden, Tensor? Cell, Tensor? Feed)
{
    /// <summary>N: the number of rows (sequences or beam hypotheses).</summary>
    public int BatchSize => Hidden.Size(1);

    /// <summary>The state of the given rows, in that order (rows may repeat), e.g. to reorder beam hypotheses.</summary>
    /// <param name="rows">Row indices in [0, N).</param>
    /// <returns>A state of <c>rows.Length</c> rows.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A row is out of range.</exception>
    public Seq2SeqDecoderState SelectRows(ReadOnlySpan<int> rows)
        => new(Hidden.IndexSelect(1, rows), Cell?.IndexSelect(1, rows), Feed?.IndexSelect(0, rows));
}
