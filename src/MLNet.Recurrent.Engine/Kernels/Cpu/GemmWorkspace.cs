using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// Per-thread packing buffers for <see cref="Gemm"/>: one for the packed A block, one for the packed B block and a
/// small scratch tile for the edges. They only grow, so a thread allocates nothing once it has seen its largest
/// block; they live on the pinned object heap, so raw pointers into them stay valid.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    /// <summary>Alignment of every buffer, in floats (64 bytes: one cache line, one Vector512).</summary>
    private const int AlignmentFloats = 16;

    /// <summary>Floats in the edge scratch tile: MR × the widest NR (6 × 32), with slack.</summary>
    private const int ScratchFloats = 256;

    [ThreadStatic]
    private static GemmWorkspace? t_current;

    private float[] _a = [];
    private float[] _b = [];
    private readonly float[] _scratch = GC.AllocateUninitializedArray<float>(ScratchFloats + AlignmentFloats, pinned: true);

    /// <summary>The calling thread's workspace.</summary>
    public static GemmWorkspace Current => t_current ??= new GemmWorkspace();

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for packed A.</summary>
    public float* PackedA(int floats) => Ensure(ref _a, floats);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for packed B.</summary>
    public float* PackedB(int floats) => Ensure(ref _b, floats);

    /// <summary>A 64-byte aligned scratch tile of MR × 32 floats for edge micro-tiles.</summary>
    public float* Scratch => Align(_scratch);

    private static float* Ensure(ref float[] buffer, int floats)
    {
        if (buffer.Length < floats + AlignmentFloats)
        {
            buffer = GC.AllocateUninitializedArray<float>(floats + AlignmentFloats, pinned: true);
        }
        return Align(buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Align(float[] pinnedArray)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinnedArray));
        nuint aligned = (address + (AlignmentFloats * sizeof(float) - 1)) & ~(nuint)(AlignmentFloats * sizeof(float) - 1);
        return (float*)aligned;
    }
}
