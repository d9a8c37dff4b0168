using System.Globalization;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.DataViews;

/// <summary>Runs alone (no other test allocating meanwhile), so heap measurements mean something.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements
{
}

[Collection(nameof(MemoryMeasurements))]
public sealed class TextLoaderStreamingTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    public sealed class Row
    {
        [LoadColumn(0)] public float Label;
        [LoadColumn(1)] public string Text = "";
        [LoadColumn(2, 5)] public float[] Features = [];
    }

    private string Generate(string name, int rows)
    {
        string path = _files.PathOf(name);
        using var writer = new StreamWriter(path);
        for (int i = 0; i < rows; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i % 7}\tword number {i} with some padding text\t{i * 0.5}\t{-i}\t{i % 13}\t1.25\n"));
        }

        return path;
    }

    /// <summary>
    /// The managed heap retained (after a full collection) when the cursor is on the last row, relative to before it
    /// opened, and the bytes allocated per row.
    /// </summary>
    private static (long Retained, long Rows, double Sum, double AllocatedPerRow) ReadAll(IDataView data)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var columns = data.Schema.ToArray();
        using var cursor = data.GetRowCursor(columns);
        var label = cursor.GetGetter<float>(data.Schema["Label"]);
        var text = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Text"]);
        var features = cursor.GetGetter<VBuffer<float>>(data.Schema["Features"]);
        float y = 0;
        ReadOnlyMemory<char> t = default;
        VBuffer<float> x = default;
        long rows = 0;
        double sum = 0;
        while (cursor.MoveNext())
        {
            label(ref y);
            text(ref t);
            features(ref x);
            sum += y + x.GetValues()[0] + t.Length;
            rows++;
        }

        double allocatedPerRow = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)rows;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(cursor);
        return (retained, rows, sum, allocatedPerRow);
    }

    [Fact]
    public void Cursor_memory_stays_flat_as_the_file_grows()
    {
        var mlContext = new MLContext(1);
        string small = Generate("small.tsv", 12_000);
        string large = Generate("large.tsv", 112_000);
        long largeBytes = new FileInfo(large).Length;
        Assert.True(largeBytes > 6_000_000, $"the large file has {largeBytes} bytes");

        var smallRun = ReadAll(mlContext.Data.LoadFromTextFile<Row>(small));
        var largeRun = ReadAll(mlContext.Data.LoadFromTextFile<Row>(large));

        Assert.Equal(12_000, smallRun.Rows);
        Assert.Equal(112_000, largeRun.Rows);
        Assert.True(largeRun.Sum > smallRun.Sum);

        // A cursor holds one record: what stays on the heap is buffers (~64 KiB reader), not rows.
        Assert.True(largeRun.Retained < 1_000_000, $"retained {largeRun.Retained} bytes after reading {largeBytes} bytes");
        // Per row: the line string (~150 bytes here) and nothing per field or per value.
        Assert.True(largeRun.AllocatedPerRow < 200, $"{largeRun.AllocatedPerRow:F0} bytes allocated per row");
        Assert.True(largeRun.Retained - smallRun.Retained < 256 * 1024,
            $"retained {smallRun.Retained} bytes for 12k rows but {largeRun.Retained} for 120k rows");
    }

    [Fact]
    public void Shuffle_pool_bounds_memory_to_the_pool()
    {
        var mlContext = new MLContext(1);
        string large = Generate("pooled.tsv", 40_000);
        var shuffled = mlContext.Data.ShuffleRows(mlContext.Data.LoadFromTextFile<Row>(large), seed: 3, shufflePoolSize: 100);
        var run = ReadAll(shuffled);
        Assert.Equal(40_000, run.Rows);
        Assert.True(run.Retained < 1_000_000, $"retained {run.Retained} bytes with a pool of 100 rows");
    }
}
