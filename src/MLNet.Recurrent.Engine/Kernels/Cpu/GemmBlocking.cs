namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// Cache-blocking sizes (GotoBLAS / BLIS naming) and the thread split. KC is chosen so that one packed B micro-panel
/// (KC × NR) plus one A micro-panel stays in L1, MC so that the packed A block (MC × KC) stays in L2, NC so that
/// the packed B block (KC × NC) stays in L3. The defaults were measured on a Zen 3 (AVX2) core.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>
    /// KC: the depth of one packed block. The same for every vector width, so that every width splits the k sum at
    /// the same places and, with FMA, gives the same bits.
    /// </summary>
    internal static int Kc { get; set; } = 256;

    /// <summary>MC: rows of A packed per block (rounded to a multiple of MR).</summary>
    internal static int Mc { get; set; } = 144;

    /// <summary>NC: columns of B packed per block (rounded to a multiple of NR).</summary>
    internal static int Nc { get; set; } = 4080;

    /// <summary>
    /// Below this many flops (2·m·n·k) a call runs on the calling thread only (e.g. 32×256×64, one small recurrent
    /// step). Measured: 32×256×128 takes 28 µs on one thread and 17 µs on two.
    /// </summary>
    internal static long ParallelThresholdFlops { get; set; } = 2_000_000;

    /// <summary>
    /// Parts per thread in a parallel call. More parts than threads let a thread that runs late (a busy core) take
    /// fewer; on a quiet machine one or two per thread were fastest (each part repacks its share of A and B).
    /// </summary>
    internal static int PartsPerThread { get; set; } = 2;

    /// <summary>The least work (flops) worth a thread or a part of its own when the thread count is automatic.</summary>
    internal static long MinPartFlops { get; set; } = 1_000_000;

    /// <summary>MC, a multiple of MR.</summary>
    public static int McFor() => Math.Max(GemmMicroKernel.Rows, Mc / GemmMicroKernel.Rows * GemmMicroKernel.Rows);

    /// <summary>NC for micro-tiles <paramref name="nr"/> columns wide, a multiple of NR.</summary>
    public static int NcFor(int nr) => Math.Max(nr, Nc / nr * nr);

    /// <summary>
    /// How an m × n × k problem is run: on how many threads, cut into a rows × columns grid of parts (independent
    /// rectangles of C). <paramref name="forcedThreads"/> > 0 fixes the thread count (tests); otherwise the
    /// processors are used once the problem reaches <see cref="ParallelThresholdFlops"/>, at most one per
    /// <see cref="MinPartFlops"/> of work.
    /// </summary>
    public static (int Threads, int GridRows, int GridColumns) Plan(int m, int n, int k, int nr, int forcedThreads)
    {
        long tiles = (long)CeilDiv(m, GemmMicroKernel.Rows) * CeilDiv(n, nr);
        long flops = 2L * m * n * k;
        long threads = forcedThreads > 0 ? forcedThreads
            : flops < ParallelThresholdFlops ? 1
            : Math.Min(Environment.ProcessorCount, Math.Max(1, flops / MinPartFlops));
        threads = Math.Min(threads, tiles);
        if (threads <= 1)
        {
            return (1, 1, 1);
        }
        long parts = threads * PartsPerThread;
        if (forcedThreads <= 0)
        {
            parts = Math.Min(parts, Math.Max(threads, flops / MinPartFlops));
        }
        parts = Math.Min(parts, tiles);
        (int rows, int columns) = Grid(m, n, nr, (int)parts);
        return ((int)threads, rows, columns);
    }

    /// <summary>
    /// Splits <paramref name="parts"/> into a rows × columns grid over C that minimises the perimeter of one
    /// part's rectangle (its packing and memory traffic); ties go to cutting n.
    /// </summary>
    public static (int Rows, int Columns) Grid(int m, int n, int nr, int parts)
    {
        int mTiles = CeilDiv(m, GemmMicroKernel.Rows), nTiles = CeilDiv(n, nr);
        (int Rows, int Columns) best = (1, parts);
        long bestCost = long.MaxValue;
        for (int rows = 1; rows <= parts; rows++)
        {
            if (parts % rows != 0)
            {
                continue;
            }
            int columns = parts / rows;
            if (rows > mTiles || columns > nTiles)
            {
                continue;
            }
            long cost = (long)CeilDiv(mTiles, rows) * GemmMicroKernel.Rows + (long)CeilDiv(nTiles, columns) * nr;
            if (cost < bestCost)
            {
                bestCost = cost;
                best = (rows, columns);
            }
        }
        return best;
    }

    /// <summary>The [start, end) range of part <paramref name="part"/> when <paramref name="length"/> elements are cut
    /// into <paramref name="parts"/> ranges of whole <paramref name="unit"/>-sized tiles.</summary>
    public static (int Start, int End) Range(int length, int unit, int parts, int part)
    {
        int tiles = CeilDiv(length, unit);
        int start = (int)((long)tiles * part / parts) * unit;
        int end = (int)((long)tiles * (part + 1) / parts) * unit;
        return (Math.Min(start, length), Math.Min(end, length));
    }

    public static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;
}
