namespace MLNet.Recurrent;

/// <summary>
/// A lazy, schema-typed table read through row cursors (ML.NET's IDataView). Nothing is computed until a cursor
/// moves, and a cursor holds one row at a time, so memory does not grow with the number of rows.
/// </summary>
public interface IDataView
{
    /// <summary>Whether <see cref="GetRowCursor"/> honours a random generator by visiting rows in a shuffled order.</summary>
    bool CanShuffle { get; }

    /// <summary>The columns.</summary>
    DataViewSchema Schema { get; }

    /// <summary>The number of rows when known without a pass over the data; otherwise null.</summary>
    /// <returns>The row count or null.</returns>
    long? GetRowCount();

    /// <summary>Opens a cursor over the rows, computing only <paramref name="columnsNeeded"/>.</summary>
    /// <param name="columnsNeeded">Columns whose getters will be requested; others may be skipped.</param>
    /// <param name="rand">When not null and <see cref="CanShuffle"/>, rows are visited in an order drawn from it.</param>
    /// <returns>A cursor placed before the first row.</returns>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    /// <summary>
    /// Opens up to <paramref name="n"/> cursors that together visit every row once, for parallel consumers. This
    /// library's views return a single cursor, which the contract allows.
    /// </summary>
    /// <param name="columnsNeeded">Columns whose getters will be requested.</param>
    /// <param name="n">The most cursors wanted (≥ 1).</param>
    /// <param name="rand">Optional shuffling generator.</param>
    /// <returns>One or more cursors.</returns>
    DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];
}
