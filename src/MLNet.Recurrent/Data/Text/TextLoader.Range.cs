namespace MLNet.Recurrent.Data;

public sealed partial class TextLoader
{
    /// <summary>
    /// A run of 0-based field indices a column reads (ML.NET's TextLoader.Range): one index (a scalar column unless
    /// <see cref="ForceVector"/>), <see cref="Min"/> … <see cref="Max"/> inclusive (a vector), or <see cref="Min"/> to the
    /// end of each line when <see cref="Max"/> is null (a variable-length vector — a sequence; only as a column's last range).
    /// </summary>
    public sealed class Range
    {
        /// <summary>An empty range; set <see cref="Min"/> (and <see cref="Max"/>).</summary>
        public Range()
        {
        }

        /// <summary>The single field <paramref name="index"/> (a scalar column).</summary>
        /// <param name="index">0-based field index (≥ 0; checked when the loader is created).</param>
        public Range(int index)
        {
            Min = index;
            Max = index;
        }

        /// <summary>Fields <paramref name="min"/> … <paramref name="max"/> (a vector column); null <paramref name="max"/>: to the end of each line.</summary>
        /// <param name="min">First field index (≥ 0).</param>
        /// <param name="max">Last field index (≥ <paramref name="min"/>), or null for "to the end of the line" (variable length).</param>
        public Range(int min, int? max)
        {
            Min = min;
            Max = max;
            ForceVector = true;
        }

        /// <summary>The first field index, inclusive.</summary>
        public int Min { get; set; }

        /// <summary>The last field index, inclusive; null: to the end of each line.</summary>
        public int? Max { get; set; }

        /// <summary>Whether a single-index range still makes a vector (of one item).</summary>
        public bool ForceVector { get; set; }

        /// <inheritdoc/>
        public override string ToString() => Max == Min ? $"{Min}" : $"{Min}-{(Max is { } max ? max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*")}";
    }
}
