using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Tests.Transforms;

/// <summary>Small data views, column readers and the save/load round trip shared by the transform tests.</summary>
internal static class TransformTestData
{
    public static InMemoryDataView Texts(string name, params string[] values)
        => new([(name, TextDataViewType.Instance, values.Select(v => v.AsMemory()).ToArray(), null)]);

    public static InMemoryDataView Floats(string name, params float[] values)
        => new([(name, NumberDataViewType.Single, values, null)]);

    public static VBuffer<T> Vector<T>(params T[] items) => new(items.Length, items);

    public static VBuffer<ReadOnlyMemory<char>> TextVector(params string[] items) => Vector(items.Select(i => i.AsMemory()).ToArray());

    /// <summary>Reads a scalar column.</summary>
    public static List<T> Read<T>(IDataView view, string column)
    {
        var col = view.Schema[column];
        var result = new List<T>();
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<T>(col);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(value);
        }

        return result;
    }

    /// <summary>Reads a vector column, one array per row (copied, since getters reuse buffers).</summary>
    public static List<T[]> ReadVectors<T>(IDataView view, string column)
    {
        var col = view.Schema[column];
        var result = new List<T[]>();
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<T>>(col);
        VBuffer<T> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(value.ToArray());
        }

        return result;
    }

    public static List<string[]> ReadTextVectors(IDataView view, string column)
        => ReadVectors<ReadOnlyMemory<char>>(view, column).Select(row => row.Select(t => t.ToString()).ToArray()).ToList();

    public static string[] KeyValues(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue(AnnotationKinds.KeyValues, ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    /// <summary>Saves <paramref name="transformer"/> into a model node and loads it back through the kind table.</summary>
    public static T RoundTrip<T>(T transformer)
        where T : ICanSaveModel
    {
        var node = new ModelNode();
        transformer.Save(new ModelSaveContext(node));
        var loaded = ModelKinds.Load(new ModelLoadContext(node, new MLContext(1), "model"));
        return Assert.IsType<T>(loaded);
    }

    /// <summary>The estimator's predicted shape agrees with the fitted transformer's schema (names, kinds, keys; item types except keys).</summary>
    public static void AssertShapeMatches(SchemaShape predicted, DataViewSchema actual)
    {
        var fitted = SchemaShape.Create(actual);
        Assert.Equal(fitted.Select(c => c.Name), predicted.Select(c => c.Name));
        foreach (var (expected, column) in fitted.Zip(predicted))
        {
            Assert.Equal(expected.Kind, column.Kind);
            Assert.Equal(expected.IsKey, column.IsKey);
            if (!expected.IsKey)
            {
                Assert.Equal(expected.ItemType, column.ItemType);
            }
        }
    }
}

/// <summary>A view that counts the cursors opened on it, to show what reads data and what does not.</summary>
internal sealed class CountingDataView(IDataView inner) : IDataView
{
    public int CursorsOpened { get; private set; }

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        CursorsOpened++;
        return inner.GetRowCursor(columnsNeeded, rand);
    }
}
