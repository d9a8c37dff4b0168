using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Reads the current row of a sequence column as integers, into a buffer reused from row to row: a vector of keys
/// gives key − 1 per item (key 0, missing or padding, gives −1 or is dropped), a text column gives its characters.
/// </summary>
internal sealed class SequenceItemReader
{
    private readonly Func<int> _fill;
    private int[] _items = new int[16];

    private SequenceItemReader(DataViewRow row, DataViewSchema.Column column, bool dropMissing)
    {
        if (column.Type is TextDataViewType)
        {
            var getText = row.GetGetter<ReadOnlyMemory<char>>(column);
            var text = default(ReadOnlyMemory<char>);
            _fill = () =>
            {
                getText(ref text);
                var chars = text.Span;
                var items = Reserve(chars.Length);
                for (int i = 0; i < chars.Length; i++)
                {
                    items[i] = chars[i];
                }

                return chars.Length;
            };
            return;
        }

        var getKeys = row.GetGetter<VBuffer<uint>>(column);
        var keys = default(VBuffer<uint>);
        _fill = () =>
        {
            getKeys(ref keys);
            var values = keys.GetValues();
            var items = Reserve(values.Length);
            int count = 0;
            foreach (uint key in values)
            {
                if (key != 0 || !dropMissing)
                {
                    items[count++] = (int)key - 1;
                }
            }

            return count;
        };
    }

    /// <summary>Creates a reader of <paramref name="column"/> (Text or a vector of keys) on <paramref name="row"/>.</summary>
    /// <param name="row">An open cursor with the column active.</param>
    /// <param name="column">The column.</param>
    /// <param name="dropMissing">Whether key 0 items are dropped (true) or read as −1 (false).</param>
    /// <returns>The reader.</returns>
    public static SequenceItemReader Create(DataViewRow row, DataViewSchema.Column column, bool dropMissing) => new(row, column, dropMissing);

    /// <summary>Reads the current row.</summary>
    /// <returns>The items, valid until the next call.</returns>
    public ReadOnlySpan<int> Read() => _items.AsSpan(0, _fill());

    private int[] Reserve(int length)
    {
        if (_items.Length < length)
        {
            _items = new int[Math.Max(length, _items.Length * 2)];
        }

        return _items;
    }
}
