using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// The point-wise part of one recurrent cell: how the pre-activations of the G gates become the new state, and how
/// that step is differentiated, for a few hidden units of one row at a time. Everything else (the two GEMMs per step,
/// lengths, directions, threads, layers) is shared by <see cref="RecurrentKernel{TCell}"/>, so a cell is nothing but
/// this gate math.
/// </summary>
/// <remarks>
/// <para>Both methods handle the hidden units [j, j + lanes) of one row, where lanes is the width of
/// <c>TVec</c>; the kernel calls them with the widest vector over the row and with the scalar instantiation for the
/// tail, so one body serves every width. Gate block g of a G·H row is at g·H.</para>
/// <para>What the forward step keeps for backward is <see cref="SavedWidth"/>·H floats per row.</para>
/// </remarks>
internal interface IRecurrentCell
{
    /// <summary>G: the number of gate blocks in W_ih and W_hh (1 for Elman RNN, 4 for LSTM, 3 for GRU).</summary>
    static abstract int GateCount { get; }

    /// <summary>Whether the cell carries a second state c_t (LSTM).</summary>
    static abstract bool HasCellState { get; }

    /// <summary>How many H-blocks of activations a step saves per row for backward.</summary>
    static abstract int SavedWidth { get; }

    /// <summary>
    /// Whether ∂L/∂ĥ differs from ∂L/∂x̂ (GRU: the reset gate multiplies ĥ_n), so that backward writes
    /// <see cref="GateBackwardRow.DHiddenProjection"/> too. Otherwise both projections receive the same gradient.
    /// </summary>
    static abstract bool SeparateHiddenGradient { get; }

    /// <summary>
    /// Whether h_{t−1} reaches h_t other than through W_hh (GRU's z ⊙ h_{t−1}), so that backward leaves that part of
    /// ∂L/∂h_{t−1} in <see cref="GateBackwardRow.Dh"/>; otherwise the kernel ignores what Dh holds afterwards.
    /// </summary>
    static abstract bool HasDirectHiddenPath { get; }

    /// <summary>
    /// One step for units [j, j + lanes) of one row: from x̂ + b_ih, ĥ + b_hh, h_{t−1} and c_{t−1}, writes h_t (to the
    /// state and the output), c_t and the saved activations.
    /// </summary>
    static abstract unsafe void Forward<TSimd, TVec>(in GateForwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged;

    /// <summary>
    /// The step's backward for units [j, j + lanes) of one row: from ∂L/∂h_t (in <see cref="GateBackwardRow.Dh"/>) and
    /// ∂L/∂c_t, writes ∂L/∂x̂ (and ∂L/∂ĥ when <see cref="SeparateHiddenGradient"/>), ∂L/∂c_{t−1} in place of ∂L/∂c_t,
    /// and, when <see cref="HasDirectHiddenPath"/>, the direct part of ∂L/∂h_{t−1} in place of ∂L/∂h_t.
    /// </summary>
    static abstract unsafe void Backward<TSimd, TVec>(in GateBackwardRow row, nint j)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged;
}

/// <summary>Where one row's forward step reads and writes (pointers to the row's first hidden unit).</summary>
internal unsafe struct GateForwardRow
{
    /// <summary>x̂ = W_ih x_t, G·H (bias not added).</summary>
    public float* InputProjection;

    /// <summary>ĥ = W_hh h_{t−1}, G·H (bias not added).</summary>
    public float* HiddenProjection;

    /// <summary>b_ih, G·H (zeros without bias).</summary>
    public float* InputBias;

    /// <summary>b_hh, G·H (zeros without bias).</summary>
    public float* HiddenBias;

    /// <summary>h_{t−1}, H; may be the same memory as <see cref="H"/> (every unit is read before it is written).</summary>
    public float* HPrevious;

    /// <summary>c_{t−1}, H (LSTM); may be the same memory as <see cref="C"/>.</summary>
    public float* CPrevious;

    /// <summary>h_t, H: the carried state.</summary>
    public float* H;

    /// <summary>h_t again, H: the output row.</summary>
    public float* Output;

    /// <summary>c_t, H (LSTM).</summary>
    public float* C;

    /// <summary>The saved activations, S·H (a scratch row when nothing is kept for backward).</summary>
    public float* Saved;

    /// <summary>H.</summary>
    public nint Hidden;

    /// <summary>The input projection's part of gate offset <paramref name="k"/> (of the G·H row): x̂ + b_ih.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec InputTerm<TSimd, TVec>(nint k)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Add(TSimd.Load(InputProjection + k), TSimd.Load(InputBias + k));

    /// <summary>The hidden projection's part of gate offset <paramref name="k"/>: ĥ + b_hh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec HiddenTerm<TSimd, TVec>(nint k)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Add(TSimd.Load(HiddenProjection + k), TSimd.Load(HiddenBias + k));

    /// <summary>The pre-activation (ĥ + b_hh) + (x̂ + b_ih) at gate offset <paramref name="k"/>, added in PyTorch's order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVec PreActivation<TSimd, TVec>(nint k)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
        => TSimd.Add(HiddenTerm<TSimd, TVec>(k), InputTerm<TSimd, TVec>(k));
}

/// <summary>Where one row's backward step reads and writes (pointers to the row's first hidden unit).</summary>
internal unsafe struct GateBackwardRow
{
    /// <summary>The activations forward saved, S·H.</summary>
    public float* Saved;

    /// <summary>h_{t−1} as fed to the step, H.</summary>
    public float* HPrevious;

    /// <summary>c_{t−1} as fed to the step, H (LSTM).</summary>
    public float* CPrevious;

    /// <summary>In: ∂L/∂h_t. Out (cells with a direct path): the part of ∂L/∂h_{t−1} that bypasses W_hh.</summary>
    public float* Dh;

    /// <summary>In: ∂L/∂c_t. Out: ∂L/∂c_{t−1} (LSTM).</summary>
    public float* Dc;

    /// <summary>Out: ∂L/∂x̂, G·H (also ∂L/∂ĥ unless the cell has a separate hidden gradient).</summary>
    public float* DInputProjection;

    /// <summary>Out: ∂L/∂ĥ, G·H (cells with <see cref="IRecurrentCell.SeparateHiddenGradient"/> only).</summary>
    public float* DHiddenProjection;

    /// <summary>H.</summary>
    public nint Hidden;
}
