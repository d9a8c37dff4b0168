namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// The point-wise part of one recurrent cell: how the pre-activations of the G gates of one sequence become the
/// new state, and how that step is differentiated. Everything else (the two GEMMs per step, lengths, directions,
/// layers) is shared by <see cref="RecurrentKernel{TCell}"/>, so a cell is nothing but this gate math.
/// </summary>
/// <remarks>
/// Shapes are per row (one sequence of the batch): x̂ = W_ih x_t + b_ih and ĥ = W_hh h_{t−1} + b_hh are each G·H long.
/// What the forward step keeps for backward is <see cref="SavedWidth"/>·H floats per row.
/// </remarks>
internal interface IRecurrentCell
{
    /// <summary>G: the number of gate blocks in W_ih and W_hh (1 for Elman RNN, 4 for LSTM, 3 for GRU).</summary>
    static abstract int GateCount { get; }

    /// <summary>Whether the cell carries a second state c_t (LSTM).</summary>
    static abstract bool HasCellState { get; }

    /// <summary>How many H-blocks of activations a step saves per row for backward.</summary>
    static abstract int SavedWidth { get; }

    /// <summary>One step for one row: from x̂, ĥ (G·H each) and h_{t−1}, c_{t−1} (H each) compute h_t, c_t and the saved activations.</summary>
    static abstract void Forward(ReadOnlySpan<float> xProjection, ReadOnlySpan<float> hProjection,
        ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious,
        Span<float> h, Span<float> c, Span<float> saved);

    /// <summary>
    /// The step's backward for one row. Given ∂L/∂h_t (<paramref name="dh"/>) and ∂L/∂c_t (<paramref name="dc"/>, LSTM),
    /// writes ∂L/∂x̂ and ∂L/∂ĥ (G·H each), the part of ∂L/∂h_{t−1} that does not pass through W_hh
    /// (<paramref name="dhPreviousDirect"/>, GRU's z ⊙ h_{t−1} term; zero otherwise) and ∂L/∂c_{t−1}.
    /// </summary>
    static abstract void Backward(ReadOnlySpan<float> saved, ReadOnlySpan<float> hPrevious, ReadOnlySpan<float> cPrevious,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dxProjection, Span<float> dhProjection, Span<float> dhPreviousDirect, Span<float> dcPrevious,
        Span<float> scratch);
}
