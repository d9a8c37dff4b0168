using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.DataViews;

public class DataOperationsTests
{
    public sealed class Item
    {
        public int Id;
        public float Value;
        public string Group = "";
        public double[] Vector = [];
    }

    private static Item[] Items(int count) => Enumerable.Range(0, count).Select(i => new Item
    {
        Id = i,
        Value = i % 5 == 0 ? float.NaN : i,
        Group = $"g{i % 10}",
        Vector = i % 7 == 0 ? [1, double.NaN] : [i],
    }).ToArray();

    /// <summary>A source that counts how often it is enumerated.</summary>
    private sealed class CountingSource(Item[] items) : IEnumerable<Item>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<Item> GetEnumerator()
        {
            Enumerations++;
            return ((IEnumerable<Item>)items).GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static int[] Ids(MLContext mlContext, IDataView data)
        => mlContext.Data.CreateEnumerable<Item>(data, reuseRowObject: true).Select(r => r.Id).ToArray();

    [Fact]
    public void TrainTestSplit_is_lazy_disjoint_complete_and_deterministic()
    {
        var mlContext = new MLContext(7);
        var source = new CountingSource(Items(2000));
        var data = mlContext.Data.LoadFromEnumerable(source);
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.25, seed: 5);
        Assert.Equal(0, source.Enumerations);

        var train = Ids(mlContext, split.TrainSet);
        var test = Ids(mlContext, split.TestSet);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, 2000), train.Concat(test).Order());
        Assert.InRange(test.Length, 420, 580);

        var again = mlContext.Data.TrainTestSplit(data, testFraction: 0.25, seed: 5);
        Assert.Equal(test, Ids(mlContext, again.TestSet));
        var other = mlContext.Data.TrainTestSplit(data, testFraction: 0.25, seed: 6);
        Assert.NotEqual(test, Ids(mlContext, other.TestSet));
    }

    [Fact]
    public void TrainTestSplit_seeds_come_from_the_context()
    {
        int[] TestIds(MLContext context) => Ids(context, context.Data.TrainTestSplit(context.Data.LoadFromEnumerable(Items(500)), 0.3).TestSet);
        Assert.Equal(TestIds(new MLContext(3)), TestIds(new MLContext(3)));
        Assert.NotEqual(TestIds(new MLContext(3)), TestIds(new MLContext(4)));
    }

    [Fact]
    public void Sampling_key_keeps_equal_keys_together_and_membership_survives_shuffling()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.Cache(mlContext.Data.LoadFromEnumerable(Items(1000)));
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.5, samplingKeyColumnName: "Group", seed: 11);
        var testGroups = mlContext.Data.CreateEnumerable<Item>(split.TestSet, false).Select(r => r.Group).Distinct().ToHashSet();
        var trainGroups = mlContext.Data.CreateEnumerable<Item>(split.TrainSet, false).Select(r => r.Group).Distinct().ToHashSet();
        Assert.Empty(testGroups.Intersect(trainGroups));
        Assert.Equal(10, testGroups.Count + trainGroups.Count);

        // Rows keep their membership when the cached input is read in a random order.
        var ordered = Ids(mlContext, mlContext.Data.TrainTestSplit(data, 0.3, seed: 2).TestSet);
        var testView = mlContext.Data.TrainTestSplit(data, 0.3, seed: 2).TestSet;
        var idColumn = testView.Schema["Id"];
        using var cursor = testView.GetRowCursor([idColumn], new Random(9));
        var getter = cursor.GetGetter<int>(idColumn);
        var shuffled = new List<int>();
        int id = 0;
        while (cursor.MoveNext())
        {
            getter(ref id);
            shuffled.Add(id);
        }

        Assert.NotEqual(ordered, shuffled);
        Assert.Equal(ordered, shuffled.Order());
    }

    [Fact]
    public void Split_arguments_are_validated()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Items(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Data.TrainTestSplit(data, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Data.TrainTestSplit(data, 1));
        Assert.Equal("Nope", Assert.Throws<SchemaMismatchException>(() => mlContext.Data.TrainTestSplit(data, 0.2, "Nope")).ColumnName);
        Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Data.CrossValidationSplit(data, 1));
    }

    [Fact]
    public void CrossValidationSplit_test_sets_partition_the_rows()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Items(600));
        var folds = mlContext.Data.CrossValidationSplit(data, numberOfFolds: 4, seed: 3);
        Assert.Equal(4, folds.Count);
        var tests = folds.Select(f => Ids(mlContext, f.TestSet)).ToArray();
        Assert.Equal(Enumerable.Range(0, 600), tests.SelectMany(t => t).Order());
        Assert.All(tests, t => Assert.InRange(t.Length, 100, 200));
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(Enumerable.Range(0, 600).Except(tests[k]), Ids(mlContext, folds[k].TrainSet));
        }
    }

    [Fact]
    public void ShuffleRows_is_a_deterministic_permutation_and_a_pool_of_one_keeps_order()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Items(300));
        var shuffled = mlContext.Data.ShuffleRows(data, seed: 4);
        var first = Ids(mlContext, shuffled);
        Assert.NotEqual(Enumerable.Range(0, 300), first);
        Assert.Equal(Enumerable.Range(0, 300), first.Order());
        Assert.Equal(first, Ids(mlContext, shuffled));
        Assert.NotEqual(first, Ids(mlContext, mlContext.Data.ShuffleRows(data, seed: 5)));
        Assert.True(shuffled.CanShuffle);
        Assert.Equal(300, shuffled.GetRowCount());

        Assert.Equal(Enumerable.Range(0, 300), Ids(mlContext, mlContext.Data.ShuffleRows(data, seed: 4, shufflePoolSize: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Data.ShuffleRows(data, shufflePoolSize: 0));
    }

    [Fact]
    public void Small_pool_only_moves_rows_locally_and_vectors_are_copied_per_row()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.ShuffleRows(mlContext.Data.LoadFromEnumerable(Items(200)), seed: 1, shufflePoolSize: 4, shuffleSource: false);
        var rows = mlContext.Data.CreateEnumerable<Item>(data, reuseRowObject: false).ToArray();
        Assert.Equal(Enumerable.Range(0, 200), rows.Select(r => r.Id).Order());

        // With a pool of 4, output position p has seen input rows 0 … p + 3 only; rows stay whole.
        Assert.All(rows.Select((r, p) => (r, p)), x => Assert.True(x.r.Id <= x.p + 3, $"row {x.r.Id} at {x.p}"));
        Assert.NotEqual(Enumerable.Range(0, 200), rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal(r.Id % 7 == 0 ? 1.0 : r.Id, r.Vector[0]));
    }

    [Fact]
    public void Cache_reads_the_source_once_then_serves_every_cursor_from_memory()
    {
        var mlContext = new MLContext(1);
        var source = new CountingSource(Items(100));
        var cached = mlContext.Data.Cache(mlContext.Data.LoadFromEnumerable(source), "Value");
        Assert.Equal(0, source.Enumerations);
        Assert.Null(cached.GetRowCount());

        int[] IdsOnly() => mlContext.Data.CreateEnumerable<IdOnly>(cached, false).Select(r => r.Id).ToArray();
        var first = IdsOnly();
        Assert.Equal(1, source.Enumerations);
        Assert.Equal(100, cached.GetRowCount());
        Assert.Equal(first, IdsOnly());
        var values = mlContext.Data.CreateEnumerable<ValueOnly>(cached, false).Select(v => v.Value).ToArray();
        Assert.Equal(1, source.Enumerations);
        Assert.Equal(11f, values[11]);

        // A column never requested is read in one more pass, once.
        Assert.Equal("g3", mlContext.Data.CreateEnumerable<Item>(cached, false).ElementAt(3).Group);
        Assert.Equal(2, source.Enumerations);
        Assert.Equal(1.0, mlContext.Data.CreateEnumerable<Item>(cached, false).ElementAt(7).Vector[0]);
        Assert.Equal(2, source.Enumerations);
        Assert.True(cached.CanShuffle);

        Assert.Equal("Nope", Assert.Throws<SchemaMismatchException>(() => mlContext.Data.Cache(cached, "Nope")).ColumnName);
    }

    public sealed class ValueOnly
    {
        public float Value;
    }

    public sealed class IdOnly
    {
        public int Id;
    }

    [Fact]
    public void TakeRows_and_SkipRows_stream_and_know_their_counts()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Items(10));
        Assert.Equal([0, 1, 2], Ids(mlContext, mlContext.Data.TakeRows(data, 3)));
        Assert.Equal([7, 8, 9], Ids(mlContext, mlContext.Data.SkipRows(data, 7)));
        Assert.Equal([4, 5], Ids(mlContext, mlContext.Data.TakeRows(mlContext.Data.SkipRows(data, 4), 2)));
        Assert.Empty(Ids(mlContext, mlContext.Data.SkipRows(data, 50)));
        Assert.Equal(3, mlContext.Data.TakeRows(data, 3).GetRowCount());
        Assert.Equal(0, mlContext.Data.SkipRows(data, 50).GetRowCount());
        Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Data.TakeRows(data, -1));
    }

    [Fact]
    public void FilterRowsByColumn_keeps_lower_inclusive_upper_exclusive_and_drops_NaN()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Items(20));
        Assert.Equal([2, 3, 4, 6], Ids(mlContext, mlContext.Data.FilterRowsByColumn(data, "Value", 2, 7)));
        Assert.Equal(16, Ids(mlContext, mlContext.Data.FilterRowsByColumn(data, "Value")).Length);
        Assert.Equal("Group", Assert.Throws<SchemaMismatchException>(() => mlContext.Data.FilterRowsByColumn(data, "Group")).ColumnName);
        Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Data.FilterRowsByColumn(data, "Value", 3, 3));
    }

    [Fact]
    public void FilterRowsByMissingValues_drops_NaN_scalars_and_vectors()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Items(15));
        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14], Ids(mlContext, mlContext.Data.FilterRowsByMissingValues(data, "Value")));
        Assert.Equal([1, 2, 3, 4, 6, 8, 9, 11, 12, 13], Ids(mlContext, mlContext.Data.FilterRowsByMissingValues(data, "Value", "Vector")));
        Assert.Contains("Single, Double, Key", Assert.Throws<SchemaMismatchException>(() => mlContext.Data.FilterRowsByMissingValues(data, "Id")).Expected);
        Assert.Throws<ArgumentException>(() => mlContext.Data.FilterRowsByMissingValues(data));
    }
}
