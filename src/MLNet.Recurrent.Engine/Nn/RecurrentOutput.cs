using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>What a recurrent layer returns.</summary>
/// <param name="Output">
/// The top layer's h_t for every step: (L, N, D·H_out), or (N, L, D·H_out) when batch-first; with lengths, zero
/// past each sequence's end (like PyTorch's pad_packed_sequence with total_length = L).
/// </param>
/// <param name="HiddenState">h_n: (D·num_layers, N, H_out), each sequence's state after its own last step; layer-major, direction-minor.</param>
/// <param name="CellState">c_n for an LSTM, same shape as <paramref name="HiddenState"/>; null for Rnn and Gru.</param>
public sealed record RecurrentOutput(Tensor Output, Tensor HiddenState, Tensor? CellState);
