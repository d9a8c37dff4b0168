using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>The time loops of <see cref="RecurrentKernel{TCell}"/>: one chunk of rows through every step, forward and backward.</summary>
internal static unsafe partial class RecurrentKernel<TCell>
    where TCell : IRecurrentCell
{
    /// <summary>Everything a forward chunk reads and writes; lives on the caller's stack while the chunks run.</summary>
    private struct ForwardJob
    {
        public float* InputProjection;      // [L·N rows in layout order, G·H]: x̂ (no bias)
        public float* PackedHiddenWeights;  // W_hhᵀ packed for Gemm.MultiplyPacked
        public float* InputBias;            // [G·H]
        public float* HiddenBias;           // [G·H]
        public float* HState;               // [N, H] schedule order: h of each row's latest step
        public float* CState;               // [N, H] schedule order: c (LSTM)
        public float* HiddenProjection;     // [N, G·H]: ĥ of the current step, chunk c at row ChunkStarts[c]
        public float* Output;               // first output row, at the column offset; row stride OutputStride
        public float* CacheH;               // [Σn_t, H] packed, or null (inference)
        public float* CacheC;               // [Σn_t, H] packed (LSTM)
        public float* CacheSaved;           // [Σn_t, S·H] packed
        public float* SavedScratch;         // [chunks, S·H]: where activations go when nothing is kept
        public int* Order;
        public int* Active;
        public int* StepOffset;
        public int* ChunkStarts;
        public nint OutputStride;
        public int Steps;
        public int Batch;
        public int Hidden;
        public RowLayout Layout;
        public bool Reverse;
        public GemmVectorWidth Width;
        public int StepGemmThreads;
    }

    /// <summary>Everything a backward chunk reads and writes.</summary>
    private struct BackwardJob
    {
        public float* DInputProjection;     // [L·N rows in layout order, G·H]: ∂x̂ out
        public float* DHiddenProjection;    // [Σn_t, G·H] packed: ∂ĥ out (the same buffer as ∂x̂ when SharedProjection)
        public float* PackedHiddenWeights;  // W_hh packed for Gemm.MultiplyPacked
        public float* DhState;              // [N, H] schedule order: ∂L/∂h carried back
        public float* DcState;              // [N, H] schedule order: ∂L/∂c carried back (LSTM)
        public float* OutputGradient;       // first ∂L/∂output row at the column offset (a zero row with stride 0 when none)
        public float* Squares;              // [L, N]: Σ(∂L/∂h_t)² per row, or null
        public float* CacheH;
        public float* CacheC;
        public float* CacheSaved;
        public int* Order;
        public int* Active;
        public int* StepOffset;
        public int* ChunkStarts;
        public nint OutputGradientStride;
        public int Steps;
        public int Batch;
        public int Hidden;
        public RowLayout Layout;
        public bool Reverse;
        public bool SharedProjection;
        public GemmVectorWidth Width;
        public int StepGemmThreads;
    }

    /// <summary>Chunk <paramref name="part"/> through every step: ĥ = h_{t−1}·W_hhᵀ, then the gates, row by row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardChunk<TSimd, TVec>(void* state, int part)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        ForwardJob* job = (ForwardJob*)state;
        int steps = job->Steps, hidden = job->Hidden;
        int gateWidth = TCell.GateCount * hidden;
        nint savedWidth = TCell.SavedWidth * hidden;
        int r0 = job->ChunkStarts[part], r1 = job->ChunkStarts[part + 1];
        bool keep = job->CacheSaved != null;
        float* h = job->HState + (nint)r0 * hidden;
        float* c = job->CState + (nint)r0 * hidden;
        float* hProjection = job->HiddenProjection + (nint)r0 * gateWidth;
        GateForwardRow row = default;
        row.InputBias = job->InputBias;
        row.HiddenBias = job->HiddenBias;
        row.Hidden = hidden;

        for (int s = 0; s < steps; s++)
        {
            int t = job->Reverse ? steps - 1 - s : s;
            int running = Math.Min(r1, job->Active[t]) - r0;
            if (running <= 0)
            {
                continue;
            }
            nint packedRow = job->StepOffset[t] + r0;
            float* hIn = h;
            if (keep)
            {
                // Backward needs h_{t−1} and c_{t−1} as fed to this step; the GEMM reads the saved copy.
                hIn = job->CacheH + packedRow * hidden;
                Copy(h, hIn, running * hidden);
                if (TCell.HasCellState)
                {
                    Copy(c, job->CacheC + packedRow * hidden, running * hidden);
                }
            }
            Gemm.MultiplyPacked(false, running, gateWidth, hidden, 1f, hIn, hidden, job->PackedHiddenWeights,
                0f, hProjection, gateWidth, job->Width, job->StepGemmThreads);

            for (int i = 0; i < running; i++)
            {
                nint layoutRow = job->Layout.Row(t, job->Order[r0 + i]);
                row.InputProjection = job->InputProjection + layoutRow * gateWidth;
                row.HiddenProjection = hProjection + (nint)i * gateWidth;
                row.HPrevious = row.H = h + (nint)i * hidden;
                row.CPrevious = row.C = c + (nint)i * hidden;
                row.Output = job->Output + layoutRow * job->OutputStride;
                row.Saved = keep ? job->CacheSaved + (packedRow + i) * savedWidth : job->SavedScratch + part * savedWidth;
                nint j = 0;
                for (; j + TSimd.Lanes <= hidden; j += TSimd.Lanes)
                {
                    TCell.Forward<TSimd, TVec>(row, j);
                }
                for (; j < hidden; j++)
                {
                    TCell.Forward<SimdScalar, float>(row, j);
                }
            }
        }
    }

    /// <summary>
    /// Chunk <paramref name="part"/> through every step in reverse: ∂h_t += ∂output_t, the gates' backward, then
    /// ∂h_{t−1} = ∂ĥ·W_hh (+ the cell's direct path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardChunk<TSimd, TVec>(void* state, int part)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        BackwardJob* job = (BackwardJob*)state;
        int steps = job->Steps, hidden = job->Hidden, batch = job->Batch;
        int gateWidth = TCell.GateCount * hidden;
        nint savedWidth = TCell.SavedWidth * hidden;
        int r0 = job->ChunkStarts[part], r1 = job->ChunkStarts[part + 1];
        float* dh = job->DhState + (nint)r0 * hidden;
        float* dc = job->DcState + (nint)r0 * hidden;
        bool copyProjection = !TCell.SeparateHiddenGradient && !job->SharedProjection;
        GateBackwardRow row = default;
        row.Hidden = hidden;

        // Steps in the reverse of the order forward took them.
        for (int s = steps - 1; s >= 0; s--)
        {
            int t = job->Reverse ? steps - 1 - s : s;
            int running = Math.Min(r1, job->Active[t]) - r0;
            if (running <= 0)
            {
                continue;
            }
            nint packedRow = job->StepOffset[t] + r0;
            float* dhProjection = job->DHiddenProjection + packedRow * gateWidth;

            for (int i = 0; i < running; i++)
            {
                nint layoutRow = job->Layout.Row(t, job->Order[r0 + i]);
                // ∂L/∂h_t = what flows back from step t+1 (or h_n) + what the output at t received.
                float* dhRow = dh + (nint)i * hidden;
                AddInPlace<TSimd, TVec>(dhRow, job->OutputGradient + layoutRow * job->OutputGradientStride, hidden);
                if (job->Squares != null)
                {
                    job->Squares[t * batch + r0 + i] = SumOfSquares(dhRow, hidden);
                }
                row.Saved = job->CacheSaved + (packedRow + i) * savedWidth;
                row.HPrevious = job->CacheH + (packedRow + i) * hidden;
                row.CPrevious = job->CacheC + (packedRow + i) * hidden;
                row.Dh = dhRow;
                row.Dc = dc + (nint)i * hidden;
                row.DInputProjection = job->DInputProjection + layoutRow * gateWidth;
                row.DHiddenProjection = dhProjection + (nint)i * gateWidth;
                nint j = 0;
                for (; j + TSimd.Lanes <= hidden; j += TSimd.Lanes)
                {
                    TCell.Backward<TSimd, TVec>(row, j);
                }
                for (; j < hidden; j++)
                {
                    TCell.Backward<SimdScalar, float>(row, j);
                }
                if (copyProjection)
                {
                    Copy(row.DInputProjection, row.DHiddenProjection, gateWidth);
                }
            }

            // ∂L/∂h_{t−1} = ∂ĥ·W_hh (+ the direct part the cell left in ∂h); rows of finished sequences keep what they carry.
            Gemm.MultiplyPacked(false, running, hidden, gateWidth, 1f, dhProjection, gateWidth, job->PackedHiddenWeights,
                TCell.HasDirectHiddenPath ? 1f : 0f, dh, hidden, job->Width, job->StepGemmThreads);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* source, float* destination, int count)
        => new ReadOnlySpan<float>(source, count).CopyTo(new Span<float>(destination, count));

    /// <summary>destination[j] += source[j] for j &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInPlace<TSimd, TVec>(float* destination, float* source, nint count)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        nint j = 0;
        for (; j + TSimd.Lanes <= count; j += TSimd.Lanes)
        {
            TSimd.Store(destination + j, TSimd.Add(TSimd.Load(destination + j), TSimd.Load(source + j)));
        }
        for (; j < count; j++)
        {
            destination[j] += source[j];
        }
    }

    /// <summary>Σ values[j]², in order (scalar, so that the norms are the same at every vector width).</summary>
    private static float SumOfSquares(float* values, nint count)
    {
        float sum = 0f;
        for (nint j = 0; j < count; j++)
        {
            sum = float.MultiplyAddEstimate(values[j], values[j], sum);
        }
        return sum;
    }
}
