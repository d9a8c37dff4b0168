namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// The index map of a 1-d convolution over one group: output position l of kernel tap j reads input position
/// <c>l·stride + j·dilation − padding</c> (zero outside [0, L_in)). <see cref="Unfold"/> gathers those values into a
/// column matrix (im2col), so the convolution becomes one GEMM; <see cref="Fold"/> is its transpose (col2im), which
/// scatter-adds a column gradient back onto the input.
/// </summary>
/// <param name="Channels">C_in / groups: the input channels one group reads.</param>
/// <param name="KernelSize">k.</param>
/// <param name="Stride">The step between output positions.</param>
/// <param name="Padding">Zeros added on both sides.</param>
/// <param name="Dilation">The step between kernel taps.</param>
/// <param name="InputLength">L_in.</param>
/// <param name="OutputLength">L_out = ⌊(L_in + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1.</param>
internal readonly record struct Conv1dGeometry(int Channels, int KernelSize, int Stride, int Padding, int Dilation, int InputLength, int OutputLength)
{
    /// <summary>Rows of the column matrix: C_in/groups · k (row ci·k + j is channel ci, tap j).</summary>
    public int Rows => Channels * KernelSize;

    /// <summary>True when the column matrix is the input itself (k = 1, stride 1, no padding), so no copy is needed.</summary>
    public bool IsIdentity => KernelSize == 1 && Stride == 1 && Padding == 0;

    /// <summary>
    /// col[ci·k + j, l] = x[ci, l·stride + j·dilation − padding], or 0 where that position is padding.
    /// <paramref name="input"/> is (C_in/groups, L_in), <paramref name="columns"/> (C_in/groups·k, L_out), both row-major.
    /// </summary>
    public void Unfold(ReadOnlySpan<float> input, Span<float> columns)
    {
        for (int ci = 0; ci < Channels; ci++)
        {
            ReadOnlySpan<float> channel = input.Slice(ci * InputLength, InputLength);
            for (int j = 0; j < KernelSize; j++)
            {
                Span<float> row = columns.Slice((ci * KernelSize + j) * OutputLength, OutputLength);
                var (first, end, start) = ValidRange(j);
                row[..first].Clear();
                row[end..].Clear();
                if (first == end)
                {
                    continue;
                }
                if (Stride == 1)
                {
                    channel.Slice(start + first, end - first).CopyTo(row[first..end]);
                    continue;
                }
                for (int l = first; l < end; l++)
                {
                    row[l] = channel[start + l * Stride];
                }
            }
        }
    }

    /// <summary>
    /// The transpose of <see cref="Unfold"/>: x[ci, l·stride + j·dilation − padding] += col[ci·k + j, l] for every
    /// position inside the input (padding positions are dropped).
    /// </summary>
    public void Fold(ReadOnlySpan<float> columns, Span<float> input)
    {
        for (int ci = 0; ci < Channels; ci++)
        {
            Span<float> channel = input.Slice(ci * InputLength, InputLength);
            for (int j = 0; j < KernelSize; j++)
            {
                ReadOnlySpan<float> row = columns.Slice((ci * KernelSize + j) * OutputLength, OutputLength);
                var (first, end, start) = ValidRange(j);
                for (int l = first; l < end; l++)
                {
                    channel[start + l * Stride] += row[l];
                }
            }
        }
    }

    /// <summary>
    /// For tap <paramref name="tap"/>: the output positions [first, end) that read inside the input, and
    /// start = tap·dilation − padding, so position l reads input start + l·stride.
    /// </summary>
    private (int First, int End, int Start) ValidRange(int tap)
    {
        int start = tap * Dilation - Padding;
        // start + l·stride ≥ 0  ⇔  l ≥ ⌈−start / stride⌉;  start + l·stride ≤ L_in − 1  ⇔  l ≤ ⌊(L_in − 1 − start) / stride⌋.
        int first = start >= 0 ? 0 : (-start + Stride - 1) / Stride;
        int last = InputLength - 1 - start;
        int end = last < 0 ? 0 : Math.Min(OutputLength, last / Stride + 1);
        return first < end ? (first, end, start) : (0, 0, start);
    }
}
