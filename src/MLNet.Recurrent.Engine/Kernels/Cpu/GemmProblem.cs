namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// One GEMM call, C[m×n] ← α·op(A)·op(B) + β·C, as raw pointers into pinned operands, plus how it is split among
/// threads: a <see cref="GridRows"/> × <see cref="GridColumns"/> grid of independent parts (rectangles of C), cut on
/// micro-tile boundaries. It lives on the caller's stack while the workers read it.
/// </summary>
internal unsafe struct GemmProblem
{
    public float* A;
    public float* B;

    /// <summary>op(B) already packed by <c>Gemm.PackB</c> (then <see cref="B"/> is unused), or null to pack per call.</summary>
    public float* PackedB;
    public float* C;
    public nint Lda;
    public nint Ldb;
    public nint Ldc;
    public int M;
    public int N;
    public int K;
    public float Alpha;
    public float Beta;
    public bool TransposeA;
    public bool TransposeB;

    /// <summary>Grid rows: the m dimension is cut into this many row ranges.</summary>
    public int GridRows;

    /// <summary>Grid columns: the n dimension is cut into this many column ranges.</summary>
    public int GridColumns;
}
