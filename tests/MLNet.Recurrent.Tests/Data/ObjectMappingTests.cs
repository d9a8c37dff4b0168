using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.DataViews;

public class ObjectMappingTests
{
    public sealed class AllTypes
    {
        public float Single;
        public double Double { get; set; }
        public int Int32;
        public long Int64;
        public uint UInt32;
        public bool Boolean;
        public string Text = "";
        public ReadOnlyMemory<char> Memory;
        [KeyType(10)] public uint Key;
        [VectorType(3)] public float[] Fixed = [];
        public double[] Sequence = [];
        public int[] Ints = [];
        public uint[] UInts = [];
        public string[] Words = [];
        [KeyType(5)] public uint[] Keys = [];
        public VBuffer<float> Buffer;
        [ColumnName("Renamed")] public long Original;
        [NoColumn] public DateTime Ignored;
    }

    private static AllTypes Sample(int i) => new()
    {
        Single = i + 0.5f,
        Double = -i * 1.25,
        Int32 = -i,
        Int64 = 1L << (30 + i),
        UInt32 = (uint)i * 7,
        Boolean = i % 2 == 0,
        Text = $"row {i}",
        Memory = $"mem {i}".AsMemory(),
        Key = (uint)(i % 10) + 1,
        Fixed = [i, i + 1, i + 2],
        Sequence = Enumerable.Range(0, i).Select(k => k * 0.5).ToArray(),
        Ints = [i, -i],
        UInts = [(uint)i],
        Words = Enumerable.Range(0, i % 3).Select(k => $"w{k}").ToArray(),
        Keys = [1, 5, (uint)(i % 5) + 1],
        Buffer = new VBuffer<float>(2, [i, 2 * i, 99]),
        Original = i,
        Ignored = DateTime.UnixEpoch,
    };

    [Fact]
    public void Schema_follows_member_types_and_attributes()
    {
        var data = new MLContext(1).Data.LoadFromEnumerable(new[] { Sample(1) });
        var schema = data.Schema;
        Assert.Equal(NumberDataViewType.Single, schema["Single"].Type);
        Assert.Equal(NumberDataViewType.Double, schema["Double"].Type);
        Assert.Equal(NumberDataViewType.Int32, schema["Int32"].Type);
        Assert.Equal(NumberDataViewType.Int64, schema["Int64"].Type);
        Assert.Equal(NumberDataViewType.UInt32, schema["UInt32"].Type);
        Assert.Equal(BooleanDataViewType.Instance, schema["Boolean"].Type);
        Assert.Equal(TextDataViewType.Instance, schema["Text"].Type);
        Assert.Equal(TextDataViewType.Instance, schema["Memory"].Type);
        Assert.Equal(new KeyDataViewType(typeof(uint), 10), schema["Key"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), schema["Fixed"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Double), schema["Sequence"].Type);
        Assert.Equal(new VectorDataViewType(TextDataViewType.Instance), schema["Words"].Type);
        Assert.Equal(new VectorDataViewType(new KeyDataViewType(typeof(uint), 5)), schema["Keys"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single), schema["Buffer"].Type);
        Assert.NotNull(schema.GetColumnOrNull("Renamed"));
        Assert.Null(schema.GetColumnOrNull("Original"));
        Assert.Null(schema.GetColumnOrNull("Ignored"));
        Assert.Equal(17, schema.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_supported_type_round_trips(bool reuseRowObject)
    {
        var mlContext = new MLContext(1);
        var rows = Enumerable.Range(0, 6).Select(Sample).ToArray();
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var back = mlContext.Data.CreateEnumerable<AllTypes>(data, reuseRowObject).Select(Snapshot).ToArray();
        Assert.Equal(rows.Select(Snapshot), back);
    }

    /// <summary>Every mapped member as text, so rows compare by value (and reused objects are captured per row).</summary>
    private static string Snapshot(AllTypes r) => string.Join("|",
        r.Single, r.Double, r.Int32, r.Int64, r.UInt32, r.Boolean, r.Text, r.Memory.ToString(), r.Key,
        string.Join(",", r.Fixed), string.Join(",", r.Sequence), string.Join(",", r.Ints), string.Join(",", r.UInts),
        string.Join(",", r.Words), string.Join(",", r.Keys), string.Join(",", r.Buffer.DenseValues()), r.Original);

    [Fact]
    public void LoadFromEnumerable_is_lazy_and_enumerates_the_source_per_cursor()
    {
        int enumerations = 0;
        IEnumerable<AllTypes> Generate()
        {
            enumerations++;
            for (int i = 0; i < 3; i++)
            {
                yield return Sample(i);
            }
        }

        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Generate());
        Assert.Equal(0, enumerations);
        Assert.Null(data.GetRowCount());
        Assert.Equal(3, mlContext.Data.CreateEnumerable<AllTypes>(data, reuseRowObject: false).Count());
        Assert.Equal(3, mlContext.Data.CreateEnumerable<AllTypes>(data, reuseRowObject: false).Count());
        Assert.Equal(2, enumerations);
    }

    [Fact]
    public void A_list_source_shows_later_changes_and_reports_its_count()
    {
        var mlContext = new MLContext(1);
        var list = new List<AllTypes> { Sample(1) };
        var data = mlContext.Data.LoadFromEnumerable(list);
        Assert.Equal(1, data.GetRowCount());
        list.Add(Sample(2));
        Assert.Equal(2, data.GetRowCount());
        Assert.Equal([1L, 2L], mlContext.Data.CreateEnumerable<AllTypes>(data, false).Select(r => r.Original));
    }

    [Fact]
    public void Arrays_are_copied_so_neither_side_aliases_the_other()
    {
        var mlContext = new MLContext(1);
        var row = Sample(2);
        var data = mlContext.Data.LoadFromEnumerable(new[] { row });
        var back = mlContext.Data.CreateEnumerable<AllTypes>(data, false).Single();
        Assert.NotSame(row.Fixed, back.Fixed);
        back.Fixed[0] = 1000;
        Assert.Equal(2f, row.Fixed[0]);

        // A getter writes into the caller's buffer; the source object's array must stay untouched.
        var column = data.Schema["Fixed"];
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        Assert.True(cursor.MoveNext());
        var buffer = new VBuffer<float>(3, [7, 7, 7]);
        getter(ref buffer);
        Assert.Equal([2f, 3f, 4f], buffer.ToArray());
        Assert.NotSame(row.Fixed, VBuffer<float>.GetWritableArray(buffer, 3));
    }

    public sealed class Unsupported
    {
        public float Fine;
        public DateTime When;
    }

    [Fact]
    public void Unsupported_member_type_names_the_member()
    {
        var error = Assert.Throws<SchemaMismatchException>(() => new MLContext(1).Data.LoadFromEnumerable(new[] { new Unsupported() }));
        Assert.Equal("When", error.ColumnName);
        Assert.Contains("DateTime", error.Actual);
    }

    public sealed class FixedFour
    {
        [VectorType(4)] public float[] Features = [];
    }

    [Fact]
    public void Fixed_size_vector_with_wrong_length_names_column_and_row()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(new[] { new FixedFour { Features = [1, 2, 3, 4] }, new FixedFour { Features = [1, 2] } });
        var rows = mlContext.Data.CreateEnumerable<FixedFour>(data, false).GetEnumerator();
        Assert.True(rows.MoveNext());
        var error = Assert.Throws<SchemaMismatchException>(() => rows.MoveNext());
        Assert.Equal("Features", error.ColumnName);
        Assert.Contains("2 items", error.Actual);
        Assert.Contains("row 1", error.Actual);
    }

    public sealed class Narrow
    {
        public float Single;
        public string Text = "";
    }

    public sealed class WithExtra
    {
        public float Single;
        public float Missing = 42;
    }

    public sealed class Mistyped
    {
        public int Single;
    }

    public sealed class WrongFixedSize
    {
        [VectorType(2)] public float[] Fixed = [];
    }

    [Fact]
    public void CreateEnumerable_reads_a_subset_and_checks_missing_and_mistyped_columns_eagerly()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(new[] { Sample(3) });
        var narrow = mlContext.Data.CreateEnumerable<Narrow>(data, false).Single();
        Assert.Equal(3.5f, narrow.Single);
        Assert.Equal("row 3", narrow.Text);

        var missing = Assert.Throws<SchemaMismatchException>(() => mlContext.Data.CreateEnumerable<WithExtra>(data, false));
        Assert.Equal("Missing", missing.ColumnName);
        Assert.Equal("missing", missing.Actual);
        Assert.Equal("data", missing.ParamName);
        Assert.Equal(42, mlContext.Data.CreateEnumerable<WithExtra>(data, false, ignoreMissingColumns: true).Single().Missing);

        var mistyped = Assert.Throws<SchemaMismatchException>(() => mlContext.Data.CreateEnumerable<Mistyped>(data, false));
        Assert.Equal("Single", mistyped.ColumnName);
        Assert.Equal("Single", mistyped.Actual);
        Assert.Contains("Int32", mistyped.Expected);

        var size = Assert.Throws<SchemaMismatchException>(() => mlContext.Data.CreateEnumerable<WrongFixedSize>(data, false));
        Assert.Equal("Fixed", size.ColumnName);
    }

    public sealed class PlainUInt
    {
        public uint Key;
        public float[] Fixed = [];
    }

    [Fact]
    public void Plain_uint_members_read_key_columns_and_reused_objects_keep_their_arrays()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, 4).Select(Sample));
        var objects = mlContext.Data.CreateEnumerable<PlainUInt>(data, reuseRowObject: true).Select(o => (o, o.Fixed, o.Key)).ToArray();
        Assert.All(objects, o => Assert.Same(objects[0].o, o.o));
        Assert.All(objects, o => Assert.Same(objects[0].Fixed, o.Fixed));
        Assert.Equal([1u, 2u, 3u, 4u], objects.Select(o => o.Key));
        Assert.Equal([3f, 4f, 5f], objects[0].Fixed);
    }

    [Fact]
    public void Schema_definition_edits_change_names_and_types()
    {
        var mlContext = new MLContext(1);
        var definition = SchemaDefinition.Create(typeof(Narrow), SchemaDefinition.Direction.Read);
        definition["Single"].ColumnName = "Value";
        var data = mlContext.Data.LoadFromEnumerable(new[] { new Narrow { Single = 2, Text = "a" } }, definition);
        Assert.Equal(NumberDataViewType.Single, data.Schema["Value"].Type);

        var sized = SchemaDefinition.Create(typeof(AllTypes));
        sized["Sequence"].ColumnType = new VectorDataViewType(NumberDataViewType.Double, 2);
        var fixedData = mlContext.Data.LoadFromEnumerable(new[] { Sample(2) }, sized);
        Assert.Equal(2, ((VectorDataViewType)fixedData.Schema["Sequence"].Type).Size);

        var bad = SchemaDefinition.Create(typeof(Narrow));
        bad["Text"].ColumnType = NumberDataViewType.Single;
        var error = Assert.Throws<SchemaMismatchException>(() => mlContext.Data.LoadFromEnumerable(new[] { new Narrow() }, bad));
        Assert.Equal("Text", error.ColumnName);
        Assert.Equal("schemaDefinition", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => bad["Nope"]);
    }

    [Fact]
    public void LoadFromEnumerable_with_a_schema_takes_its_types_and_annotations()
    {
        var mlContext = new MLContext(1);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Key", new KeyDataViewType(typeof(uint), 3), Annotations.ForKeyValues(["a", "b", "c"]));
        builder.AddColumn("Fixed", new VectorDataViewType(NumberDataViewType.Single, 3));
        var data = mlContext.Data.LoadFromEnumerable(new[] { Sample(1) }, builder.ToSchema());
        Assert.Equal(new KeyDataViewType(typeof(uint), 3), data.Schema["Key"].Type);
        Assert.True(data.Schema["Key"].Annotations.TryGetValue<VBuffer<ReadOnlyMemory<char>>>(AnnotationKinds.KeyValues, out var keys));
        Assert.Equal("c", keys.GetValues()[2].ToString());
    }

    [Fact]
    public void Null_rows_and_wrong_getter_types_are_reported()
    {
        var data = new MLContext(1).Data.LoadFromEnumerable<Narrow>(new Narrow?[] { new(), null }!);
        var column = data.Schema["Single"];
        using var cursor = data.GetRowCursor([column]);
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(column));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Text"]));
        Assert.True(cursor.MoveNext());
        Assert.Throws<InvalidOperationException>(() => cursor.MoveNext());
    }
}
