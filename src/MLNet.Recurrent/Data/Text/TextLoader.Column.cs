namespace MLNet.Recurrent.Data;

public sealed partial class TextLoader
{
    /// <summary>
    /// How fields of a text file become a column (ML.NET's TextLoader.Column): its name, the kind of its items, the
    /// field ranges it reads and, for a UInt32 key column, its key count.
    /// </summary>
    public sealed class Column
    {
        /// <summary>An empty column; set <see cref="Name"/>, <see cref="DataKind"/> and <see cref="Source"/>.</summary>
        public Column()
        {
        }

        /// <summary>A scalar column read from field <paramref name="index"/>.</summary>
        /// <param name="name">Column name.</param>
        /// <param name="dataKind">Item kind.</param>
        /// <param name="index">0-based field index.</param>
        public Column(string name, DataKind dataKind, int index)
            : this(name, dataKind, [new Range(index)])
        {
        }

        /// <summary>A fixed-size vector column read from fields <paramref name="minIndex"/> … <paramref name="maxIndex"/> inclusive.</summary>
        /// <param name="name">Column name.</param>
        /// <param name="dataKind">Item kind.</param>
        /// <param name="minIndex">First field index.</param>
        /// <param name="maxIndex">Last field index.</param>
        public Column(string name, DataKind dataKind, int minIndex, int maxIndex)
            : this(name, dataKind, [new Range(minIndex, maxIndex)])
        {
        }

        /// <summary>A column read from the fields of <paramref name="source"/>, concatenated.</summary>
        /// <param name="name">Column name.</param>
        /// <param name="dataKind">Item kind.</param>
        /// <param name="source">Field ranges (the last may be open-ended).</param>
        /// <param name="keyCount">For a UInt32 key column, the number of keys (default null: not a key).</param>
        public Column(string name, DataKind dataKind, Range[] source, KeyCount? keyCount = null)
        {
            Name = name;
            DataKind = dataKind;
            Source = source;
            KeyCount = keyCount;
        }

        /// <summary>The column name.</summary>
        public string Name { get; set; } = "";

        /// <summary>The kind of the column's items.</summary>
        public DataKind DataKind { get; set; } = DataKind.Single;

        /// <summary>The field ranges read.</summary>
        public Range[] Source { get; set; } = [];

        /// <summary>For a key column (DataKind.UInt32), the number of keys; null otherwise.</summary>
        public KeyCount? KeyCount { get; set; }

        /// <inheritdoc/>
        public override string ToString() => $"{Name}:{DataKind}:{string.Join(",", Source.Select(r => r.ToString()))}";
    }
}
