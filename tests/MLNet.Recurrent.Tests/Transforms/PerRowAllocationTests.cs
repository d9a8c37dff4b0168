using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms.Text;
using static MLNet.Recurrent.Tests.Transforms.TransformTestData;

namespace MLNet.Recurrent.Tests.Transforms;

/// <summary>Getters reuse the caller's buffers: once warmed up, reading rows allocates nothing on the managed heap.</summary>
public class PerRowAllocationTests
{
    private readonly MLContext _ml = new(1);

    private static long BytesAllocatedReading(IDataView view, string column)
    {
        var col = view.Schema[column];
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        VBuffer<float> value = default;
        for (int i = 0; i < 10 && cursor.MoveNext(); i++)
        {
            getter(ref value);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        while (cursor.MoveNext())
        {
            getter(ref value);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Tokenising_then_mapping_keys_to_a_feature_vector_allocates_nothing_per_row()
    {
        var texts = Enumerable.Range(0, 5000).Select(i => $"W{i % 50} w{i % 7}  w{i % 3}").ToArray();
        var data = Texts("Text", texts);
        var pipeline = _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions { OutputColumnName = "Keys", InputColumnName = "Text", LowerCase = true, EndToken = "</s>" })
            .Append(_ml.Transforms.Conversion.MapKeyToValue("Tokens", "Keys"))
            .Append(_ml.Transforms.Conversion.MapValueToKey("Again", "Tokens"))
            .Append(_ml.Transforms.Text.TokenizeIntoWords("Words", "Text"))
            .Append(_ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(_ml.Transforms.Concatenate("BothWordKeys", "WordKeys", "WordKeys"));
        var output = pipeline.Fit(data).Transform(data);

        var again = output.Schema["Again"];
        var both = output.Schema["BothWordKeys"];
        using var cursor = output.GetRowCursor([again, both]);
        var getAgain = cursor.GetGetter<VBuffer<uint>>(again);
        var getBoth = cursor.GetGetter<VBuffer<uint>>(both);
        VBuffer<uint> againKeys = default, bothKeys = default;
        // Warm up past row 10, the first 10-character text, where the lower-casing scratch buffer grows once.
        for (int i = 0; i < 100 && cursor.MoveNext(); i++)
        {
            getAgain(ref againKeys);
            getBoth(ref bothKeys);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        while (cursor.MoveNext())
        {
            getAgain(ref againKeys);
            getBoth(ref bothKeys);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4, againKeys.Length);
        Assert.Equal(6, bothKeys.Length);
    }

    [Fact]
    public void Normalising_and_windowing_allocate_nothing_per_row()
    {
        var data = Floats("Value", Enumerable.Range(0, 5000).Select(i => (float)Math.Sin(i)).ToArray());
        var normalised = _ml.Transforms.NormalizeMeanVariance("Value").Fit(data).Transform(data);
        var windows = _ml.Transforms.CreateSlidingWindows("Value", windowSize: 16, horizon: 4).Fit(normalised).Transform(normalised);
        var rescaled = _ml.Transforms.NormalizeMinMax("Window").Fit(windows).Transform(windows);

        Assert.Equal(0, BytesAllocatedReading(rescaled, "Window"));
        Assert.Equal(0, BytesAllocatedReading(windows, "Horizon"));
    }
}
