using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using static MLNet.Recurrent.Tests.Transforms.TransformTestData;

namespace MLNet.Recurrent.Tests.Transforms;

public class SlidingWindowTests
{
    private readonly MLContext _ml = new(1);

    private static InMemoryDataView OneToTwenty() => Floats("Value", Enumerable.Range(1, 20).Select(i => (float)i).ToArray());

    [Fact]
    public void Univariate_series_gives_every_window_and_horizon_in_order()
    {
        var output = _ml.Transforms.CreateSlidingWindows("Value", windowSize: 3, horizon: 2).Fit(OneToTwenty()).Transform(OneToTwenty());

        Assert.Equal(16, output.GetRowCount());
        var windows = ReadVectors<float>(output, "Window");
        var horizons = ReadVectors<float>(output, "Horizon");
        Assert.Equal(16, windows.Count);
        for (int k = 0; k < 16; k++)
        {
            Assert.Equal([k + 1f, k + 2f, k + 3f], windows[k]);
            Assert.Equal([k + 4f, k + 5f], horizons[k]);
        }

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3, 1), output.Schema["Window"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), output.Schema["Horizon"].Type);
        Assert.Equal(["Window", "Horizon"], output.Schema.Select(c => c.Name));
        Assert.False(output.CanShuffle);
    }

    [Fact]
    public void Stride_skips_rows_between_window_starts()
    {
        var output = _ml.Transforms.CreateSlidingWindows("Value", windowSize: 3, horizon: 2, stride: 4).Fit(OneToTwenty()).Transform(OneToTwenty());

        Assert.Equal(4, output.GetRowCount());
        Assert.Equal([[1f, 2f, 3f], [5f, 6f, 7f], [9f, 10f, 11f], [13f, 14f, 15f]], ReadVectors<float>(output, "Window"));
        Assert.Equal([[4f, 5f], [8f, 9f], [12f, 13f], [16f, 17f]], ReadVectors<float>(output, "Horizon"));

        var wide = _ml.Transforms.CreateSlidingWindows("Value", windowSize: 2, stride: 7).Fit(OneToTwenty()).Transform(OneToTwenty());
        Assert.Equal([[1f, 2f], [8f, 9f], [15f, 16f]], ReadVectors<float>(wide, "Window"));
        Assert.Equal([[3f], [10f], [17f]], ReadVectors<float>(wide, "Horizon"));
    }

    [Fact]
    public void Multivariate_windows_are_time_major_with_all_features_of_a_step_together()
    {
        var data = new InMemoryDataView(
        [
            ("Load", NumberDataViewType.Single, new[] { 10f, 20f, 30f, 40f }, null),
            ("Weather", new VectorDataViewType(NumberDataViewType.Single, 2), new[] { Vector(1f, -1f), Vector(2f, -2f), Vector(3f, -3f), Vector(4f, -4f) }, null),
        ]);
        var options = new SlidingWindowOptions { TargetColumnName = "Load", FeatureColumnNames = ["Load", "Weather"], WindowSize = 2, WindowColumnName = "X", HorizonColumnName = "Y" };
        var output = _ml.Transforms.CreateSlidingWindows(options).Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2, 3), output.Schema["X"].Type);
        Assert.Equal([[10f, 1f, -1f, 20f, 2f, -2f], [20f, 2f, -2f, 30f, 3f, -3f]], ReadVectors<float>(output, "X"));
        Assert.Equal([[30f], [40f]], ReadVectors<float>(output, "Y"));
    }

    [Fact]
    public void A_series_shorter_than_window_plus_horizon_gives_no_examples()
    {
        var output = _ml.Transforms.CreateSlidingWindows("Value", windowSize: 4, horizon: 2).Fit(Floats("Value", 1, 2, 3, 4, 5)).Transform(Floats("Value", 1, 2, 3, 4, 5));
        Assert.Equal(0, output.GetRowCount());
        Assert.Empty(ReadVectors<float>(output, "Window"));
    }

    [Fact]
    public void A_long_series_streams_through_the_ring_buffer()
    {
        const int n = 200_000;
        var series = new GeneratedSeries(n);
        var output = _ml.Transforms.CreateSlidingWindows("Value", windowSize: 5, horizon: 3).Fit(series).Transform(series);

        var window = output.Schema["Window"];
        var horizon = output.Schema["Horizon"];
        using var cursor = output.GetRowCursor([window, horizon]);
        var getWindow = cursor.GetGetter<VBuffer<float>>(window);
        var getHorizon = cursor.GetGetter<VBuffer<float>>(horizon);
        VBuffer<float> w = default, h = default;
        long rows = 0;
        while (cursor.MoveNext())
        {
            getWindow(ref w);
            getHorizon(ref h);
            Assert.Equal(rows, (long)w.GetValues()[0]);
            rows++;
        }

        Assert.Equal(n - 7, rows);
        Assert.Equal([n - 8f, n - 7, n - 6, n - 5, n - 4], w.ToArray());
        Assert.Equal([n - 3f, n - 2, n - 1], h.ToArray());
        Assert.Equal(1, series.CursorsOpened);
    }

    [Fact]
    public void Schema_errors_and_invalid_options_are_reported()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.CreateSlidingWindows("Value", 3).Fit(Texts("Value", "a")));
        Assert.Equal(("Value", "String"), (error.ColumnName, error.Actual));
        var variable = new InMemoryDataView(
        [
            ("Value", NumberDataViewType.Single, new[] { 1f }, null),
            ("Seq", new VectorDataViewType(NumberDataViewType.Single), new[] { Vector(1f) }, null),
        ]);
        var options = new SlidingWindowOptions { TargetColumnName = "Value", FeatureColumnNames = ["Seq"], WindowSize = 2 };
        Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.CreateSlidingWindows(options).GetOutputSchema(SchemaShape.Create(variable.Schema)));
        Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.CreateSlidingWindows(options).Fit(variable));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.CreateSlidingWindows("Value", windowSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.CreateSlidingWindows("Value", 3, stride: 0));
        Assert.Throws<ArgumentException>(() => _ml.Transforms.CreateSlidingWindows("Value", 3, windowColumnName: "Same", horizonColumnName: "Same"));
    }

    [Fact]
    public void Estimator_shape_matches_and_the_transformer_says_it_is_not_row_to_row()
    {
        var estimator = _ml.Transforms.CreateSlidingWindows("Value", 3);
        var model = estimator.Fit(OneToTwenty());
        AssertShapeMatches(estimator.GetOutputSchema(SchemaShape.Create(OneToTwenty().Schema)), model.GetOutputSchema(OneToTwenty().Schema));
        Assert.False(model.IsRowToRowMapper);
    }

    [Fact]
    public void Save_and_load_round_trip_gives_identical_windows()
    {
        var data = new InMemoryDataView(
        [
            ("A", NumberDataViewType.Single, new[] { 1f, 2f, 3f, 4f, 5f }, null),
            ("B", NumberDataViewType.Single, new[] { 5f, 4f, 3f, 2f, 1f }, null),
        ]);
        var model = _ml.Transforms.CreateSlidingWindows(new SlidingWindowOptions { TargetColumnName = "B", FeatureColumnNames = ["A", "B"], WindowSize = 2, Horizon = 2, Stride = 2 }).Fit(data);
        var loaded = RoundTrip(model);
        Assert.Equal((2, 2, 2), (loaded.WindowSize, loaded.Horizon, loaded.Stride));
        Assert.Equal(ReadVectors<float>(model.Transform(data), "Window"), ReadVectors<float>(loaded.Transform(data), "Window"));
        Assert.Equal(ReadVectors<float>(model.Transform(data), "Horizon"), ReadVectors<float>(loaded.Transform(data), "Horizon"));
    }

    /// <summary>Row i holds the value i, computed on the fly (nothing stored), counting cursors.</summary>
    private sealed class GeneratedSeries(int rows) : IDataView
    {
        public int CursorsOpened { get; private set; }

        public bool CanShuffle => false;

        public DataViewSchema Schema { get; } = Floats("Value").Schema;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            CursorsOpened++;
            return new Cursor(this, rows);
        }

        private sealed class Cursor(GeneratedSeries view, int rows) : DataViewRowCursor
        {
            private long _position = -1;

            public override long Position => _position;

            public override DataViewSchema Schema => view.Schema;

            public override bool IsColumnActive(DataViewSchema.Column column) => true;

            public override bool MoveNext() => ++_position < rows;

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
                => (ValueGetter<TValue>)(object)(ValueGetter<float>)((ref float value) => value = _position);

            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new((ulong)_position, 0);
        }
    }
}
