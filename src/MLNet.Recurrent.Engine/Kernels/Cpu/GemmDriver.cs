namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// The GotoBLAS / BLIS loop nest around <see cref="GemmMicroKernel"/> for one thread's rectangle of C:
/// jc (NC columns) → pc (KC depth; pack B) → ic (MC rows; pack A) → jr (NR) → ir (MR) → micro-kernel.
/// </summary>
/// <remarks>
/// The depth is cut into ⌈k/KC⌉ balanced blocks that depend on k only, and every element of C goes through the
/// same micro-kernel sequence, so the result does not depend on how C is split among threads.
/// Edge tiles run the same kernel on a scratch tile and copy the valid part back.
/// </remarks>
internal static unsafe class GemmDriver
{
    private const int MR = GemmMicroKernel.Rows;

    /// <summary>Runs part <paramref name="part"/> of the thread grid of <paramref name="state"/> (a <see cref="GemmProblem"/>*).</summary>
    public static void RunPart<TSimd, TVec>(void* state, int part)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        GemmProblem* problem = (GemmProblem*)state;
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        (int m0, int m1) = GemmBlocking.Range(problem->M, MR, problem->GridRows, part / problem->GridColumns);
        (int n0, int n1) = GemmBlocking.Range(problem->N, nr, problem->GridColumns, part % problem->GridColumns);
        if (m0 < m1 && n0 < n1)
        {
            RunRectangle<TSimd, TVec>(problem, m0, m1, n0, n1);
        }
    }

    private static void RunRectangle<TSimd, TVec>(GemmProblem* problem, int m0, int m1, int n0, int n1)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        int k = problem->K;
        int kBlocks = GemmBlocking.CeilDiv(k, GemmBlocking.Kc);
        int kcMax = GemmBlocking.CeilDiv(k, kBlocks);
        int mcMax = BalancedBlock(m1 - m0, GemmBlocking.McFor(), MR);
        int ncMax = BalancedBlock(n1 - n0, GemmBlocking.NcFor(nr), nr);

        GemmWorkspace workspace = GemmWorkspace.Current;
        float* packedA = workspace.PackedA(mcMax * kcMax);
        float* prepacked = problem->PackedB;
        float* packedB = prepacked == null ? workspace.PackedB(ncMax * kcMax) : null;
        nint paddedN = (nint)GemmBlocking.CeilDiv(problem->N, nr) * nr;
        float* scratch = workspace.Scratch;

        float* a = problem->A, b = problem->B, c = problem->C;
        nint ldc = problem->Ldc;
        float alpha = problem->Alpha;

        for (int jc = n0; jc < n1; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n1 - jc);
            int pc = 0;
            for (int kb = 0; kb < kBlocks; kb++)
            {
                int kc = k / kBlocks + (kb < k % kBlocks ? 1 : 0);
                if (prepacked == null)
                {
                    GemmPacking.PackB<TSimd, TVec>(problem->TransposeB, b, problem->Ldb, pc, kc, jc, nc, packedB);
                }
                else
                {
                    // The whole of op(B) was packed once (Gemm.PackB): depth block kb starts at pc·paddedN, and its
                    // micro-panels follow each other, so the panels of columns jc… start jc·kc further on.
                    packedB = prepacked + pc * paddedN + (nint)jc * kc;
                }
                bool overwrite = kb == 0 && problem->Beta == 0f;
                float beta = kb == 0 ? problem->Beta : 1f;

                for (int ic = m0; ic < m1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m1 - ic);
                    GemmPacking.PackA(problem->TransposeA, a, problem->Lda, ic, mc, pc, kc, packedA);

                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int columns = Math.Min(nr, nc - jr);
                        float* panelB = packedB + (nint)jr * kc;
                        float* cColumn = c + (nint)ic * ldc + jc + jr;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int rows = Math.Min(MR, mc - ir);
                            float* panelA = packedA + (nint)ir * kc;
                            float* cTile = cColumn + ir * ldc;
                            if (rows == MR && columns == nr)
                            {
                                GemmMicroKernel.Run<TSimd, TVec>(kc, panelA, panelB, cTile, ldc, alpha, beta, overwrite);
                            }
                            else
                            {
                                EdgeTile<TSimd, TVec>(kc, panelA, panelB, cTile, ldc, rows, columns, alpha, beta, overwrite, scratch);
                            }
                        }
                    }
                }
                pc += kc;
            }
        }
    }

    /// <summary>A partial tile: the same kernel on a scratch tile (row stride NR), then the valid part copied back.</summary>
    private static void EdgeTile<TSimd, TVec>(int kc, float* panelA, float* panelB, float* c, nint ldc, int rows, int columns,
        float alpha, float beta, bool overwrite, float* scratch)
        where TSimd : struct, ISimd<TVec>
        where TVec : unmanaged
    {
        int nr = GemmMicroKernel.Columns<TSimd, TVec>();
        if (!overwrite)
        {
            for (int r = 0; r < rows; r++)
            {
                new ReadOnlySpan<float>(c + r * ldc, columns).CopyTo(new Span<float>(scratch + r * nr, columns));
            }
        }
        GemmMicroKernel.Run<TSimd, TVec>(kc, panelA, panelB, scratch, nr, alpha, beta, overwrite);
        for (int r = 0; r < rows; r++)
        {
            new ReadOnlySpan<float>(scratch + r * nr, columns).CopyTo(new Span<float>(c + r * ldc, columns));
        }
    }

    /// <summary>Cuts <paramref name="length"/> into equal blocks of at most about <paramref name="maxBlock"/>, rounded up to <paramref name="unit"/>.</summary>
    private static int BalancedBlock(int length, int maxBlock, int unit)
    {
        int blocks = GemmBlocking.CeilDiv(length, maxBlock);
        int block = GemmBlocking.CeilDiv(length, blocks);
        return GemmBlocking.CeilDiv(block, unit) * unit;
    }
}
