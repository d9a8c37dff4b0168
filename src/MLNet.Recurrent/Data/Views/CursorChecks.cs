namespace MLNet.Recurrent.Data;

/// <summary>The checks every cursor of this folder makes in GetGetter, with one wording.</summary>
internal static class CursorChecks
{
    /// <summary>Throws unless <paramref name="column"/> was requested when the cursor was opened.</summary>
    /// <param name="active">Active flags by column index.</param>
    /// <param name="column">The column asked for.</param>
    /// <exception cref="InvalidOperationException">The column is not active.</exception>
    public static void CheckActive(bool[] active, DataViewSchema.Column column)
    {
        if (column.Index >= active.Length || !active[column.Index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was opened.");
        }
    }

    /// <summary><paramref name="getter"/> as a ValueGetter of <typeparamref name="TValue"/>, or an error naming both types.</summary>
    /// <typeparam name="TValue">The type asked for.</typeparam>
    /// <param name="getter">The column's getter.</param>
    /// <param name="column">The column.</param>
    /// <returns>The typed getter.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TValue"/> is not the column's raw type.</exception>
    public static ValueGetter<TValue> Typed<TValue>(Delegate? getter, DataViewSchema.Column column)
        => getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");

    /// <summary>The active flags for <paramref name="columnsNeeded"/> in a schema of <paramref name="count"/> columns.</summary>
    /// <param name="columnsNeeded">Requested columns.</param>
    /// <param name="count">Schema size.</param>
    /// <returns>Flags by column index.</returns>
    public static bool[] ActiveFlags(IEnumerable<DataViewSchema.Column> columnsNeeded, int count)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[count];
        foreach (var column in columnsNeeded)
        {
            active[column.Index] = true;
        }

        return active;
    }
}
