using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What a <see cref="Seq2SeqEncoder"/> returns: the memory the decoder attends to and its initial state.</summary>
/// <param name="Outputs">h̄: the top layer's outputs (N, S, D·H), batch-first; zero past each source's length.</param>
/// <param name="Hidden">The decoder's initial hidden state (num_layers, N, H): the encoder's h_n, bridged when bidirectional.</param>
/// <param name="Cell">The decoder's initial cell state (num_layers, N, H) for an LSTM, bridged when bidirectional; null otherwise.</param>
/// <param name="SourceLengths">The N source lengths, each in [1, S]; attention ignores positions at or past them.</param>
public sealed record Seq2SeqEncoderOutput(Tensor Outputs, Tensor Hidden, Tensor? Cell, int[] SourceLengths);
