using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu;

/// <summary>
/// destination[j] += Σ_r matrix[r, j]: column sums of a row-major matrix (bias gradients), split by columns across the
/// <see cref="GemmThreadPool"/>. Each column is summed over the rows in order by one thread, so the result does not
/// depend on the thread count.
/// </summary>
internal static unsafe class ColumnSums
{
    /// <summary>Columns per part: 512 floats = 2 KiB of each row, enough to amortise a part.</summary>
    private const int ColumnsPerPart = 512;

    /// <summary>Adds the column sums of <paramref name="matrix"/> (<paramref name="rows"/> × destination.Length, row stride <paramref name="stride"/>) to <paramref name="destination"/>.</summary>
    public static void AddTo(ReadOnlySpan<float> matrix, int rows, int stride, Span<float> destination, int threads)
    {
        int width = destination.Length;
        if (width == 0 || rows == 0)
        {
            return;
        }
        fixed (float* m = matrix, d = destination)
        {
            var job = new Job { Matrix = m, Destination = d, Rows = rows, Stride = stride, Width = width };
            int parts = (width + ColumnsPerPart - 1) / ColumnsPerPart;
            parts = Math.Max(parts, Math.Min(threads, width / 64));
            job.PartWidth = (width / Math.Max(parts, 1) + 15) / 16 * 16;
            parts = (width + job.PartWidth - 1) / job.PartWidth;
            long work = (long)rows * width;
            GemmThreadPool.Run(parts, work < 1 << 18 ? 1 : threads, &Part, &job);
        }
    }

    private struct Job
    {
        public float* Matrix;
        public float* Destination;
        public int Rows;
        public int Stride;
        public int Width;
        public int PartWidth;
    }

    private static void Part(void* state, int part)
    {
        Job* job = (Job*)state;
        int start = part * job->PartWidth;
        int count = Math.Min(job->PartWidth, job->Width - start);
        var destination = new Span<float>(job->Destination + start, count);
        float* row = job->Matrix + start;
        for (int r = 0; r < job->Rows; r++, row += job->Stride)
        {
            TensorPrimitives.Add(destination, new ReadOnlySpan<float>(row, count), destination);
        }
    }
}
