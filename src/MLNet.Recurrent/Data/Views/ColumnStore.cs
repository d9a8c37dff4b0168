namespace MLNet.Recurrent.Data;

/// <summary>
/// Typed storage for the values of one column, slot by slot (the shuffle pool and the cache). Values are deep-copied
/// in and out — vectors into storage owned by the store — so neither a source getter that reuses its buffers nor a
/// reader that writes into the buffers it is given can alter stored rows. Text values (ReadOnlyMemory&lt;char&gt;) are
/// immutable and kept as they are.
/// </summary>
internal abstract class ColumnStore
{
    /// <summary>A store for values of <paramref name="type"/>.</summary>
    /// <param name="type">The column type.</param>
    /// <param name="capacity">Initial number of slots.</param>
    /// <returns>The store.</returns>
    public static ColumnStore Create(DataViewType type, int capacity)
        => (ColumnStore)Activator.CreateInstance(typeof(ColumnStore<>).MakeGenericType(type.RawType), capacity)!;

    /// <summary>An action that copies <paramref name="column"/>'s current value in <paramref name="row"/> into a slot (growing the store as needed).</summary>
    /// <param name="row">The source row (column active).</param>
    /// <param name="column">The column.</param>
    /// <returns>The loader, taking the slot index.</returns>
    public abstract Action<int> CreateLoader(DataViewRow row, DataViewSchema.Column column);

    /// <summary>A ValueGetter that copies the value in slot <paramref name="slot"/>() out.</summary>
    /// <param name="slot">The slot to read, evaluated per call.</param>
    /// <returns>The getter (a ValueGetter of the column's raw type).</returns>
    public abstract Delegate CreateGetter(Func<int> slot);

    /// <summary>The first <paramref name="count"/> slots as an array of the raw type (the store's own values).</summary>
    /// <param name="count">Number of slots filled.</param>
    /// <returns>The values.</returns>
    public abstract Array ToArray(int count);
}

/// <summary>A <see cref="ColumnStore"/> of raw type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The column's raw type.</typeparam>
/// <param name="capacity">Initial number of slots (≥ 1).</param>
internal sealed class ColumnStore<T>(int capacity) : ColumnStore
{
    private static readonly VBufferCopier<T>.CopyInto? DeepCopy = VBufferCopier<T>.Copy;
    private T[] _values = new T[Math.Max(1, capacity)];

    public override Action<int> CreateLoader(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<T>(column);
        T scratch = default!;
        return slot =>
        {
            if (slot >= _values.Length)
            {
                Array.Resize(ref _values, Math.Max(slot + 1, 2 * _values.Length));
            }

            if (DeepCopy is null)
            {
                getter(ref _values[slot]);
            }
            else
            {
                getter(ref scratch);
                DeepCopy(scratch, ref _values[slot]);
            }
        };
    }

    public override Delegate CreateGetter(Func<int> slot)
    {
        ValueGetter<T> getter = DeepCopy is { } copy
            ? (ref T value) => copy(_values[slot()], ref value)
            : (ref T value) => value = _values[slot()];
        return getter;
    }

    public override Array ToArray(int count) => _values.AsSpan(0, count).ToArray();
}
