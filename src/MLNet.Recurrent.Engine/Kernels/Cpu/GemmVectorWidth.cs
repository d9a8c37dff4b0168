namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>The register width <see cref="Gemm"/> runs its micro-kernel at.</summary>
internal enum GemmVectorWidth
{
    /// <summary>The widest accelerated width: Vector512, else Vector256, else Vector128, else scalar.</summary>
    Auto = 0,

    /// <summary>One float per register (6×2 tiles).</summary>
    Scalar = 1,

    /// <summary>Vector128 (6×8 tiles).</summary>
    Vector128 = 128,

    /// <summary>Vector256 (6×16 tiles).</summary>
    Vector256 = 256,

    /// <summary>Vector512 (6×32 tiles).</summary>
    Vector512 = 512,
}
