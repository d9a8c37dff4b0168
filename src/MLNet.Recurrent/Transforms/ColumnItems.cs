using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>Returns the current row's items of a column: one item for a scalar, every item for a vector.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <returns>The items; valid until the next call.</returns>
internal delegate ReadOnlySpan<T> ItemsGetter<T>();

/// <summary>Reads scalar and vector columns alike, as spans of items, reusing one buffer per getter.</summary>
internal static class ColumnItems
{
    /// <summary>A getter of <paramref name="column"/>'s items in <paramref name="row"/>.</summary>
    /// <typeparam name="T">The column's item raw type.</typeparam>
    /// <param name="row">An active row or cursor.</param>
    /// <param name="column">A column of <paramref name="row"/> whose item type is <typeparamref name="T"/>.</param>
    /// <returns>The getter.</returns>
    public static ItemsGetter<T> Create<T>(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var vectorGetter = row.GetGetter<VBuffer<T>>(column);
            VBuffer<T> buffer = default;
            return () =>
            {
                vectorGetter(ref buffer);
                return buffer.GetValues();
            };
        }

        var scalarGetter = row.GetGetter<T>(column);
        var one = new T[1];
        return () =>
        {
            scalarGetter(ref one[0]);
            return one;
        };
    }

    /// <summary>Visits every row of <paramref name="data"/> (in order, one cursor) and hands each row's items to <paramref name="visit"/>.</summary>
    /// <typeparam name="T">The column's item raw type.</typeparam>
    /// <param name="data">The data.</param>
    /// <param name="column">A column of <paramref name="data"/>.</param>
    /// <param name="maximumRows">The most rows to read.</param>
    /// <param name="visit">Called once per row; returns false to stop early.</param>
    public static void ForEachRow<T>(IDataView data, DataViewSchema.Column column, long maximumRows, Func<ReadOnlySpan<T>, bool> visit)
    {
        using var cursor = data.GetRowCursor([column]);
        var items = Create<T>(cursor, column);
        for (long row = 0; row < maximumRows && cursor.MoveNext(); row++)
        {
            if (!visit(items()))
            {
                return;
            }
        }
    }
}
