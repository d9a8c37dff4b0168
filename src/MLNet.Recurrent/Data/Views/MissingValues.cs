namespace MLNet.Recurrent.Data;

/// <summary>
/// Which values count as missing (ML.NET's semantics): NaN for Single and Double, key 0 for key columns, and a
/// vector of those with at least one missing item. Other types (integers, booleans, text) have no missing value.
/// </summary>
internal static class MissingValues
{
    /// <summary>How the types that can be missing are described in errors.</summary>
    public const string TypesWithMissing = "Single, Double, Key or a vector of them";

    /// <summary>Whether <paramref name="type"/> has a missing value.</summary>
    /// <param name="type">A column type.</param>
    /// <returns>True for Single, Double, keys and vectors of those.</returns>
    public static bool CanBeMissing(DataViewType type)
    {
        var item = type is VectorDataViewType vector ? vector.ItemType : type;
        return item == NumberDataViewType.Single || item == NumberDataViewType.Double || item is KeyDataViewType;
    }

    /// <summary>A test of whether the current value of <paramref name="column"/> in <paramref name="row"/> is (or holds) a missing value.</summary>
    /// <param name="row">The row (column active).</param>
    /// <param name="column">A column whose type <see cref="CanBeMissing"/>.</param>
    /// <returns>The test.</returns>
    public static Func<bool> CreateTest(DataViewRow row, DataViewSchema.Column column)
    {
        var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
        return (item.RawType, column.Type is VectorDataViewType) switch
        {
            (var t, false) when t == typeof(float) => Scalar<float>(row, column, float.IsNaN),
            (var t, false) when t == typeof(double) => Scalar<double>(row, column, double.IsNaN),
            (_, false) => Scalar<uint>(row, column, k => k == 0),
            (var t, true) when t == typeof(float) => Vector<float>(row, column, float.IsNaN),
            (var t, true) when t == typeof(double) => Vector<double>(row, column, double.IsNaN),
            _ => Vector<uint>(row, column, k => k == 0),
        };
    }

    private static Func<bool> Scalar<T>(DataViewRow row, DataViewSchema.Column column, Func<T, bool> isMissing)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return isMissing(value);
        };
    }

    private static Func<bool> Vector<T>(DataViewRow row, DataViewSchema.Column column, Func<T, bool> isMissing)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> value = default;
        return () =>
        {
            getter(ref value);
            foreach (var x in value.GetValues())
            {
                if (isMissing(x))
                {
                    return true;
                }
            }

            return false;
        };
    }
}
