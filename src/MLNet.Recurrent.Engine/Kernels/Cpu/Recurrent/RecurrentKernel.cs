using System.Buffers;
using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>
/// The one recurrence driver every cell shares: forward and backward through time for one layer and one
/// direction. Per call, the input projection of all steps is one GEMM; per step, one GEMM on h_{t−1} and the
/// cell's fused point-wise gate math; in backward, the weight gradients are again whole-sequence GEMMs.
/// </summary>
/// <remarks>
/// Dimension legend: L steps, N batch, H_in input size, H hidden size, G gates. Inputs and outputs are
/// time-major in the caller's batch order; row (t, b) is at t·N + b. The step loop works in the
/// <see cref="SequenceSchedule"/> order so running sequences form a prefix. Cost: forward
/// 2·L·N·G·H·(H_in + H) flops, backward twice that.
/// </remarks>
internal static class RecurrentKernel<TCell>
    where TCell : IRecurrentCell
{
    /// <summary>
    /// Forward pass. Writes h_t of every running row into <paramref name="output"/> (row stride
    /// <paramref name="outputStride"/>, column offset <paramref name="outputOffset"/>; rows of finished sequences are
    /// left untouched, so pass a zeroed buffer), the final states into <paramref name="hN"/>/<paramref name="cN"/>
    /// ([N, H], caller order), and what backward needs into <paramref name="cache"/>.
    /// </summary>
    public static void Forward(SequenceSchedule schedule, bool reverse, RecurrentDirectionWeights weights,
        ReadOnlySpan<float> input, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        Span<float> output, int outputOffset, int outputStride,
        Span<float> hN, Span<float> cN, RecurrentDirectionCache cache)
    {
        int steps = schedule.Steps, batch = schedule.Batch, hidden = weights.HiddenSize, inputSize = weights.InputSize;
        int gateWidth = TCell.GateCount * hidden;
        int savedWidth = TCell.SavedWidth * hidden;
        int[] order = schedule.Order;

        float[] xProjectionArray = ArrayPool<float>.Shared.Rent(steps * batch * gateWidth);
        float[] hProjectionArray = ArrayPool<float>.Shared.Rent(batch * gateWidth);
        float[] stateArray = ArrayPool<float>.Shared.Rent(2 * batch * hidden);
        try
        {
            Span<float> xProjection = xProjectionArray.AsSpan(0, steps * batch * gateWidth);
            Span<float> hProjection = hProjectionArray.AsSpan(0, batch * gateWidth);
            Span<float> hCurrent = stateArray.AsSpan(0, batch * hidden);
            Span<float> cCurrent = stateArray.AsSpan(batch * hidden, batch * hidden);

            // x̂ = X·W_ihᵀ + b_ih for all L·N rows at once.
            Gemm.Multiply(false, true, steps * batch, gateWidth, inputSize, 1f, input, inputSize,
                weights.InputWeights, inputSize, 0f, xProjection, gateWidth);
            AddBiasToRows(xProjection, weights.InputBias, steps * batch, gateWidth);

            LoadState(h0, hCurrent, order, hidden);
            if (TCell.HasCellState)
            {
                LoadState(c0, cCurrent, order, hidden);
            }

            for (int s = 0; s < steps; s++)
            {
                int t = reverse ? steps - 1 - s : s;
                int running = schedule.ActiveCount[t];
                if (running == 0)
                {
                    continue;
                }
                int stepBase = t * batch * hidden;
                Span<float> hPrevious = cache.HPrevious.AsSpan(stepBase, running * hidden);
                hCurrent[..(running * hidden)].CopyTo(hPrevious);
                Span<float> cPrevious = default;
                if (TCell.HasCellState)
                {
                    cPrevious = cache.CPrevious.AsSpan(stepBase, running * hidden);
                    cCurrent[..(running * hidden)].CopyTo(cPrevious);
                }

                // ĥ = h_{t−1}·W_hhᵀ + b_hh for the running rows.
                Gemm.Multiply(false, true, running, gateWidth, hidden, 1f, hPrevious, hidden,
                    weights.HiddenWeights, hidden, 0f, hProjection, gateWidth);
                AddBiasToRows(hProjection, weights.HiddenBias, running, gateWidth);

                Span<float> saved = cache.Saved.AsSpan(t * batch * savedWidth, running * savedWidth);
                for (int r = 0; r < running; r++)
                {
                    int row = t * batch + order[r];
                    Span<float> h = hCurrent.Slice(r * hidden, hidden);
                    TCell.Forward(
                        xProjection.Slice(row * gateWidth, gateWidth),
                        hProjection.Slice(r * gateWidth, gateWidth),
                        hPrevious.Slice(r * hidden, hidden),
                        TCell.HasCellState ? cPrevious.Slice(r * hidden, hidden) : default,
                        h,
                        TCell.HasCellState ? cCurrent.Slice(r * hidden, hidden) : default,
                        saved.Slice(r * savedWidth, savedWidth));
                    h.CopyTo(output.Slice(row * outputStride + outputOffset, hidden));
                }
            }

            StoreState(hCurrent, hN, order, hidden);
            if (TCell.HasCellState)
            {
                StoreState(cCurrent, cN, order, hidden);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(xProjectionArray);
            ArrayPool<float>.Shared.Return(hProjectionArray);
            ArrayPool<float>.Shared.Return(stateArray);
        }
    }

    /// <summary>
    /// Backward pass through time. Reads ∂L/∂output (<paramref name="outputGradient"/>, same layout as forward's
    /// output; empty = zeros) and ∂L/∂h_n, ∂L/∂c_n (empty = zeros); ACCUMULATES into <paramref name="inputGradient"/>
    /// (when not empty) and the parameter gradients; WRITES ∂L/∂h_0 and ∂L/∂c_0 (when not empty), and, when
    /// <paramref name="hiddenGradientNorms"/> is not empty (length L), ‖∂L/∂h_t‖₂ over the batch at each step t.
    /// </summary>
    public static void Backward(SequenceSchedule schedule, bool reverse, RecurrentDirectionWeights weights,
        ReadOnlySpan<float> input, RecurrentDirectionCache cache,
        ReadOnlySpan<float> outputGradient, int outputOffset, int outputStride,
        ReadOnlySpan<float> hNGradient, ReadOnlySpan<float> cNGradient,
        Span<float> inputGradient, RecurrentDirectionGradients gradients,
        Span<float> h0Gradient, Span<float> c0Gradient, Span<float> hiddenGradientNorms = default)
    {
        int steps = schedule.Steps, batch = schedule.Batch, hidden = weights.HiddenSize, inputSize = weights.InputSize;
        int gateWidth = TCell.GateCount * hidden;
        int savedWidth = TCell.SavedWidth * hidden;
        int[] order = schedule.Order;
        int rows = steps * batch;

        float[] dxProjectionArray = ArrayPool<float>.Shared.Rent(rows * gateWidth);
        float[] dhProjectionArray = ArrayPool<float>.Shared.Rent(rows * gateWidth);
        float[] stateArray = ArrayPool<float>.Shared.Rent(4 * batch * hidden + 4 * hidden);
        try
        {
            Span<float> dxProjection = dxProjectionArray.AsSpan(0, rows * gateWidth);
            Span<float> dhProjection = dhProjectionArray.AsSpan(0, rows * gateWidth);
            dxProjection.Clear();
            dhProjection.Clear();
            Span<float> dhCurrent = stateArray.AsSpan(0, batch * hidden);
            Span<float> dcCurrent = stateArray.AsSpan(batch * hidden, batch * hidden);
            Span<float> dhStep = stateArray.AsSpan(2 * batch * hidden, batch * hidden);
            Span<float> dhDirect = stateArray.AsSpan(3 * batch * hidden, batch * hidden);
            Span<float> scratch = stateArray.AsSpan(4 * batch * hidden, 4 * hidden);

            LoadState(hNGradient, dhCurrent, order, hidden);
            if (TCell.HasCellState)
            {
                LoadState(cNGradient, dcCurrent, order, hidden);
            }

            // Steps in the reverse of the order forward took them.
            for (int s = steps - 1; s >= 0; s--)
            {
                int t = reverse ? steps - 1 - s : s;
                int running = schedule.ActiveCount[t];
                if (running == 0)
                {
                    continue;
                }
                int stepBase = t * batch * hidden;
                ReadOnlySpan<float> hPrevious = cache.HPrevious.AsSpan(stepBase, running * hidden);
                ReadOnlySpan<float> cPrevious = TCell.HasCellState ? cache.CPrevious.AsSpan(stepBase, running * hidden) : default;
                ReadOnlySpan<float> saved = cache.Saved.AsSpan(t * batch * savedWidth, running * savedWidth);
                Span<float> dhProjectionStep = dhProjection.Slice(t * batch * gateWidth, running * gateWidth);

                for (int r = 0; r < running; r++)
                {
                    int row = t * batch + order[r];
                    // ∂L/∂h_t = what flows back from step t+1 (or h_n) + what the output at t received.
                    Span<float> dh = dhStep.Slice(r * hidden, hidden);
                    ReadOnlySpan<float> dhCarried = dhCurrent.Slice(r * hidden, hidden);
                    if (outputGradient.IsEmpty)
                    {
                        dhCarried.CopyTo(dh);
                    }
                    else
                    {
                        TensorPrimitives.Add(dhCarried, outputGradient.Slice(row * outputStride + outputOffset, hidden), dh);
                    }
                    Span<float> dc = TCell.HasCellState ? dcCurrent.Slice(r * hidden, hidden) : default;
                    TCell.Backward(
                        saved.Slice(r * savedWidth, savedWidth),
                        hPrevious.Slice(r * hidden, hidden),
                        TCell.HasCellState ? cPrevious.Slice(r * hidden, hidden) : default,
                        dh, dc,
                        dxProjection.Slice(row * gateWidth, gateWidth),
                        dhProjectionStep.Slice(r * gateWidth, gateWidth),
                        dhDirect.Slice(r * hidden, hidden),
                        dc,
                        scratch);
                }

                if (!hiddenGradientNorms.IsEmpty)
                {
                    // ‖∂L/∂h_t‖ over the running sequences: the vanishing/exploding-gradient profile.
                    hiddenGradientNorms[t] = MathF.Sqrt(TensorPrimitives.SumOfSquares(dhStep[..(running * hidden)]));
                }

                // ∂L/∂h_{t−1} = ∂ĥ·W_hh + the direct path; rows of finished sequences keep what they carry.
                Gemm.Multiply(false, false, running, hidden, gateWidth, 1f, dhProjectionStep, gateWidth,
                    weights.HiddenWeights, hidden, 0f, dhCurrent, hidden);
                TensorPrimitives.Add(dhCurrent[..(running * hidden)], dhDirect[..(running * hidden)], dhCurrent[..(running * hidden)]);
            }

            StoreState(dhCurrent, h0Gradient, order, hidden);
            if (TCell.HasCellState)
            {
                StoreState(dcCurrent, c0Gradient, order, hidden);
            }

            // Whole-sequence weight gradients: ∂W_hh += Σ_t ∂ĥ_tᵀ·h_{t−1}, ∂W_ih += ∂x̂ᵀ·X, biases are column sums.
            Gemm.Multiply(true, false, gateWidth, hidden, rows, 1f, dhProjection, gateWidth,
                cache.HPrevious, hidden, 1f, gradients.HiddenWeights, hidden);
            Gemm.Multiply(true, false, gateWidth, inputSize, rows, 1f, dxProjection, gateWidth,
                input, inputSize, 1f, gradients.InputWeights, inputSize);
            SumRowsInto(dhProjection, rows, gateWidth, gradients.HiddenBias);
            SumRowsInto(dxProjection, rows, gateWidth, gradients.InputBias);
            if (!inputGradient.IsEmpty)
            {
                Gemm.Multiply(false, false, rows, inputSize, gateWidth, 1f, dxProjection, gateWidth,
                    weights.InputWeights, inputSize, 1f, inputGradient, inputSize);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(dxProjectionArray);
            ArrayPool<float>.Shared.Return(dhProjectionArray);
            ArrayPool<float>.Shared.Return(stateArray);
        }
    }

    private static void AddBiasToRows(Span<float> matrix, ReadOnlySpan<float> bias, int rows, int width)
    {
        if (bias.IsEmpty)
        {
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = matrix.Slice(r * width, width);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    private static void SumRowsInto(ReadOnlySpan<float> matrix, int rows, int width, Span<float> destination)
    {
        if (destination.IsEmpty)
        {
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(destination, matrix.Slice(r * width, width), destination);
        }
    }

    /// <summary>Copies a [N, H] state from caller order into schedule order (zeros when the source is empty).</summary>
    private static void LoadState(ReadOnlySpan<float> source, Span<float> destination, int[] order, int hidden)
    {
        if (source.IsEmpty)
        {
            destination[..(order.Length * hidden)].Clear();
            return;
        }
        for (int r = 0; r < order.Length; r++)
        {
            source.Slice(order[r] * hidden, hidden).CopyTo(destination.Slice(r * hidden, hidden));
        }
    }

    /// <summary>Copies a [N, H] state from schedule order back into caller order (nothing when the destination is empty).</summary>
    private static void StoreState(ReadOnlySpan<float> source, Span<float> destination, int[] order, int hidden)
    {
        if (destination.IsEmpty)
        {
            return;
        }
        for (int r = 0; r < order.Length; r++)
        {
            source.Slice(r * hidden, hidden).CopyTo(destination.Slice(order[r] * hidden, hidden));
        }
    }
}
