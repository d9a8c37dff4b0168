using System.Runtime.CompilerServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>The time loops of <see cref="RecurrentKernel{TCell}"/>: one chunk of rows through every step, forward and backward.</summary>
internal static unsafe partial class RecurrentKernel<TCell>
    where TCell : IRecurrentCell
{
    /// <summary>Everything a forward chunk reads and writes; lives on the caller's stack while the chunks run.</summary>
    private struct ForwardJob
    {
        public float* InputProjection;      // x̂ (no bias), G·H per row, addressed by layout row (valid for the block's rows)
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
        public float* SavedScratch;         // [max(chunks, threads), S·H]: where activations go when nothing is kept
        public int* Order;
        public int* Active;
        public int* StepOffset;
        public int* ChunkStarts;
        public nint OutputStride;
        public int FirstStep;               // the block of processing steps [FirstStep, EndStep) to run
        public int EndStep;
        public int Steps;
        public int Batch;
        public int Hidden;
        public RowLayout Layout;
        public bool Reverse;
        public GemmVectorWidth Width;
        public int StepGemmThreads;
        public int GateThreads;             // > 1: one chunk, and each step's gate pass is split across threads too
    }

    /// <summary>Everything a backward chunk reads and writes.</summary>
    private struct BackwardJob
    {
        public float* DInputProjection;     // ∂x̂ out, G·H per row, addressed by layout row (valid for the block's rows)
        public float* DHiddenProjection;    // ∂ĥ out, addressed by packed row (the same buffer as ∂x̂ when SharedProjection)
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
        public int FirstStep;
        public int EndStep;
        public int Steps;
        public int Batch;
        public int Hidden;
        public RowLayout Layout;
        public bool Reverse;
        public bool SharedProjection;
        public GemmVectorWidth Width;
        public int StepGemmThreads;
        public int GateThreads;
    }

    /// <summary>One step's gate pass over rows [First, First + Count), split into Parts row ranges (single-chunk mode).</summary>
    private struct GateRowsJob
    {
        public void* Job;                   // ForwardJob* or BackwardJob*
        public int T;
        public int First;
        public int Count;
        public int Parts;
    }

    /// <summary>The fewest rows worth a part of a step's gate pass.</summary>
    private const int MinGateRows = 4;

    /// <summary>Chunk <paramref name="part"/> through every step: ĥ = h_{t−1}·W_hhᵀ, then the gates, row by row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardChunk<TSimd, TVec>(void* state, int part)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        ForwardJob* job = (ForwardJob*)state;
        int steps = job->Steps, hidden = job->Hidden;
        int gateWidth = TCell.GateCount * hidden;
        int r0 = job->ChunkStarts[part], r1 = job->ChunkStarts[part + 1];
        float* h = job->HState + (nint)r0 * hidden;
        float* c = job->CState + (nint)r0 * hidden;

        for (int s = job->FirstStep; s < job->EndStep; s++)
        {
            int t = job->Reverse ? steps - 1 - s : s;
            int running = Math.Min(r1, job->Active[t]) - r0;
            if (running <= 0)
            {
                continue;
            }
            float* hIn = h;
            if (job->CacheSaved != null)
            {
                // Backward needs h_{t−1} and c_{t−1} as fed to this step; the GEMM reads the saved copy.
                nint packedRow = job->StepOffset[t] + r0;
                hIn = job->CacheH + packedRow * hidden;
                Copy(h, hIn, running * hidden);
                if (TCell.HasCellState)
                {
                    Copy(c, job->CacheC + packedRow * hidden, running * hidden);
                }
            }
            Gemm.MultiplyPacked(false, running, gateWidth, hidden, 1f, hIn, hidden, job->PackedHiddenWeights,
                0f, job->HiddenProjection + (nint)r0 * gateWidth, gateWidth, job->Width, job->StepGemmThreads);

            int parts = Math.Min(job->GateThreads, running / MinGateRows);
            if (parts > 1)
            {
                var rows = new GateRowsJob { Job = job, T = t, First = r0, Count = running, Parts = parts };
                GemmThreadPool.Run(parts, job->GateThreads, &ForwardRowsPart<TSimd, TVec>, &rows);
            }
            else
            {
                ForwardRows<TSimd, TVec>(job, t, r0, r0 + running, part);
            }
        }
    }

    private static void ForwardRowsPart<TSimd, TVec>(void* state, int part)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        GateRowsJob* rows = (GateRowsJob*)state;
        (int first, int end) = PartRows(rows, part);
        ForwardRows<TSimd, TVec>((ForwardJob*)rows->Job, rows->T, first, end, part);
    }

    /// <summary>The gates of step <paramref name="t"/> for rows [first, end) of the schedule order; <paramref name="slot"/> picks the scratch row used when nothing is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardRows<TSimd, TVec>(ForwardJob* job, int t, int first, int end, int slot)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int hidden = job->Hidden;
        nint gateWidth = TCell.GateCount * hidden, savedWidth = TCell.SavedWidth * hidden;
        bool keep = job->CacheSaved != null;
        nint packedRow = job->StepOffset[t];
        GateForwardRow row = default;
        row.InputBias = job->InputBias;
        row.HiddenBias = job->HiddenBias;
        row.Hidden = hidden;
        for (int r = first; r < end; r++)
        {
            nint layoutRow = job->Layout.Row(t, job->Order[r]);
            row.InputProjection = job->InputProjection + layoutRow * gateWidth;
            row.HiddenProjection = job->HiddenProjection + r * gateWidth;
            row.HPrevious = row.H = job->HState + (nint)r * hidden;
            row.CPrevious = row.C = job->CState + (nint)r * hidden;
            row.Output = job->Output + layoutRow * job->OutputStride;
            row.Saved = keep ? job->CacheSaved + (packedRow + r) * savedWidth : job->SavedScratch + slot * savedWidth;
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

    /// <summary>Rows [first, end) of part <paramref name="part"/> of a split gate pass.</summary>
    private static (int First, int End) PartRows(GateRowsJob* rows, int part)
        => (rows->First + rows->Count * part / rows->Parts, rows->First + rows->Count * (part + 1) / rows->Parts);

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
        int steps = job->Steps, hidden = job->Hidden;
        int gateWidth = TCell.GateCount * hidden;
        int r0 = job->ChunkStarts[part], r1 = job->ChunkStarts[part + 1];

        // Steps in the reverse of the order forward took them.
        for (int s = job->EndStep - 1; s >= job->FirstStep; s--)
        {
            int t = job->Reverse ? steps - 1 - s : s;
            int running = Math.Min(r1, job->Active[t]) - r0;
            if (running <= 0)
            {
                continue;
            }
            int parts = Math.Min(job->GateThreads, running / MinGateRows);
            if (parts > 1)
            {
                var rows = new GateRowsJob { Job = job, T = t, First = r0, Count = running, Parts = parts };
                GemmThreadPool.Run(parts, job->GateThreads, &BackwardRowsPart<TSimd, TVec>, &rows);
            }
            else
            {
                BackwardRows<TSimd, TVec>(job, t, r0, r0 + running);
            }

            // ∂L/∂h_{t−1} = ∂ĥ·W_hh (+ the direct part the cell left in ∂h); rows of finished sequences keep what they carry.
            Gemm.MultiplyPacked(false, running, hidden, gateWidth, 1f, job->DHiddenProjection + (job->StepOffset[t] + r0) * (nint)gateWidth,
                gateWidth, job->PackedHiddenWeights, TCell.HasDirectHiddenPath ? 1f : 0f, job->DhState + (nint)r0 * hidden, hidden,
                job->Width, job->StepGemmThreads);
        }
    }

    private static void BackwardRowsPart<TSimd, TVec>(void* state, int part)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        GateRowsJob* rows = (GateRowsJob*)state;
        (int first, int end) = PartRows(rows, part);
        BackwardRows<TSimd, TVec>((BackwardJob*)rows->Job, rows->T, first, end);
    }

    /// <summary>The gates' backward of step <paramref name="t"/> for rows [first, end) of the schedule order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardRows<TSimd, TVec>(BackwardJob* job, int t, int first, int end)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int hidden = job->Hidden;
        int gateWidth = TCell.GateCount * hidden;
        nint savedWidth = TCell.SavedWidth * hidden;
        nint packedRow = job->StepOffset[t];
        bool copyProjection = !TCell.SeparateHiddenGradient && !job->SharedProjection;
        GateBackwardRow row = default;
        row.Hidden = hidden;
        for (int r = first; r < end; r++)
        {
            nint layoutRow = job->Layout.Row(t, job->Order[r]);
            // ∂L/∂h_t = what flows back from step t+1 (or h_n) + what the output at t received.
            float* dh = job->DhState + (nint)r * hidden;
            AddInPlace<TSimd, TVec>(dh, job->OutputGradient + layoutRow * job->OutputGradientStride, hidden);
            if (job->Squares != null)
            {
                job->Squares[t * job->Batch + r] = SumOfSquares(dh, hidden);
            }
            row.Saved = job->CacheSaved + (packedRow + r) * savedWidth;
            row.HPrevious = job->CacheH + (packedRow + r) * hidden;
            row.CPrevious = job->CacheC + (packedRow + r) * hidden;
            row.Dh = dh;
            row.Dc = job->DcState + (nint)r * hidden;
            row.DInputProjection = job->DInputProjection + layoutRow * gateWidth;
            row.DHiddenProjection = job->DHiddenProjection + (packedRow + r) * gateWidth;
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
