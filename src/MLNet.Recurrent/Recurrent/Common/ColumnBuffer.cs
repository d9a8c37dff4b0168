using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Holds the values of one input column for a block of rows read ahead, so a cursor that predicts rows in batches can
/// still serve each row's pass-through columns. Values are captured into fresh buffers (never shared with the
/// upstream getter) and copied out into the caller's buffer.
/// </summary>
internal abstract class ColumnBuffer
{
    /// <summary>A buffer for <paramref name="column"/> of <paramref name="row"/>.</summary>
    /// <param name="row">The upstream cursor (the column active).</param>
    /// <param name="column">The column.</param>
    /// <param name="capacity">Rows per block.</param>
    /// <returns>A buffer of the column's raw type.</returns>
    public static ColumnBuffer Create(DataViewRow row, DataViewSchema.Column column, int capacity)
        => (ColumnBuffer)Activator.CreateInstance(typeof(ColumnBuffer<>).MakeGenericType(column.Type.RawType), row, column, capacity)!;

    /// <summary>Reads the upstream row's value into <paramref name="slot"/>.</summary>
    /// <param name="slot">0 ≤ slot &lt; capacity.</param>
    public abstract void Capture(int slot);

    /// <summary>A getter serving the value in the slot <paramref name="slot"/> returns at call time.</summary>
    /// <param name="slot">The current slot.</param>
    /// <returns>A <see cref="ValueGetter{TValue}"/> of the column's raw type.</returns>
    public abstract Delegate CreateGetter(Func<int> slot);
}

/// <summary>A <see cref="ColumnBuffer"/> of raw type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The column's raw type.</typeparam>
internal sealed class ColumnBuffer<T> : ColumnBuffer
{
    private readonly ValueGetter<T> _getter;
    private readonly T[] _slots;

    public ColumnBuffer(DataViewRow row, DataViewSchema.Column column, int capacity)
    {
        _getter = row.GetGetter<T>(column);
        _slots = new T[capacity];
    }

    public override void Capture(int slot)
    {
        T value = default!;
        _getter(ref value);
        _slots[slot] = value;
    }

    public override Delegate CreateGetter(Func<int> slot)
        => VBufferCopier<T>.Copy is { } copy
            ? (ValueGetter<T>)((ref T value) => copy(_slots[slot()], ref value))
            : (ref T value) => value = _slots[slot()];
}
