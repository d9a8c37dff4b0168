namespace MLNet.Recurrent;

/// <summary>One row of an <see cref="IDataView"/>, read column by column through typed getters.</summary>
public abstract class DataViewRow : IDisposable
{
    /// <summary>The row's position in the cursor's order (−1 before the first row).</summary>
    public abstract long Position { get; }

    /// <summary>The batch of rows this row belongs to in a cursor set (always 0 here).</summary>
    public virtual long Batch => 0;

    /// <summary>The schema of the row.</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>Whether <paramref name="column"/> was requested when the cursor was opened.</summary>
    /// <param name="column">A column of <see cref="Schema"/>.</param>
    /// <returns>Whether its getter may be requested.</returns>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>A getter for <paramref name="column"/>'s value in the current row.</summary>
    /// <typeparam name="TValue">The column's raw type.</typeparam>
    /// <param name="column">An active column of <see cref="Schema"/>.</param>
    /// <returns>The getter.</returns>
    /// <exception cref="InvalidOperationException">The column is not active, or <typeparamref name="TValue"/> is not its raw type.</exception>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>A getter for an identifier of the current row that is unique within the view.</summary>
    /// <returns>The getter.</returns>
    public abstract ValueGetter<DataViewRowId> GetIdGetter();

    /// <summary>Releases the row's resources.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; override to close files.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A row that moves forward through a view (ML.NET's DataViewRowCursor).</summary>
public abstract class DataViewRowCursor : DataViewRow
{
    /// <summary>Moves to the next row.</summary>
    /// <returns>False once the rows are exhausted.</returns>
    public abstract bool MoveNext();
}

/// <summary>A 128-bit row identifier (ML.NET's DataViewRowId).</summary>
/// <param name="Low">The low 64 bits.</param>
/// <param name="High">The high 64 bits.</param>
public readonly record struct DataViewRowId(ulong Low, ulong High);
