namespace MLNet.Recurrent.Data;

public sealed partial class TextLoader
{
    /// <summary>The settings of a <see cref="TextLoader"/> (ML.NET's TextLoader.Options).</summary>
    public sealed class Options
    {
        /// <summary>The columns to load.</summary>
        public Column[] Columns { get; set; } = [];

        /// <summary>Field separators (default: tab). Use ',' for CSV.</summary>
        public char[] Separators { get; set; } = ['\t'];

        /// <summary>Whether the first line (after blank and comment lines) is a header to skip (default false).</summary>
        public bool HasHeader { get; set; }

        /// <summary>
        /// Whether fields may be double-quoted per RFC 4180 (default false): separators inside quotes belong to the
        /// field, an escaped quote (two quotes, or <see cref="EscapeChar"/> and a quote) stands for one quote, and the
        /// surrounding quotes are removed. Off, quotes are ordinary characters.
        /// </summary>
        public bool AllowQuoting { get; set; }

        /// <summary>The character that, followed by a quote, escapes it inside a quoted field (default '"', as RFC 4180).</summary>
        public char EscapeChar { get; set; } = '"';

        /// <summary>Whether a quoted field may span several lines (default false, as ML.NET); needs <see cref="AllowQuoting"/>.</summary>
        public bool ReadMultilines { get; set; }

        /// <summary>Whether trailing whitespace is removed from each line (default false).</summary>
        public bool TrimWhitespace { get; set; }

        /// <summary>Sparse rows ("5 2:6 4:3") are not supported by this library: must stay false.</summary>
        public bool AllowSparse { get; set; }

        /// <summary>
        /// Whether missing Single/Double fields load as NaN (true) or 0 (false, the default — ML.NET's). A field is missing
        /// when it is empty, only whitespace, or absent because the line has fewer fields. "?" and "NaN" always load as NaN.
        /// </summary>
        public bool MissingRealsAsNaNs { get; set; }

        /// <summary>The decimal marker of Single/Double fields: '.' (default) or ','.</summary>
        public char DecimalMarker { get; set; } = '.';

        /// <summary>The most rows to load (default null: all).</summary>
        public long? MaxRows { get; set; }

        /// <summary>A copy of these settings with <paramref name="columns"/> (deep-copied) as the columns.</summary>
        /// <param name="columns">The columns.</param>
        /// <returns>The copy.</returns>
        internal Options CopyWith(Column[] columns) => new()
        {
            Columns = columns.Select(c => c is null ? null! : new Column(c.Name, c.DataKind,
                c.Source?.Select(r => r is null ? null! : new Range { Min = r.Min, Max = r.Max, ForceVector = r.ForceVector }).ToArray()!, c.KeyCount)).ToArray(),
            Separators = Separators is null ? null! : [.. Separators],
            HasHeader = HasHeader,
            AllowQuoting = AllowQuoting,
            EscapeChar = EscapeChar,
            ReadMultilines = ReadMultilines,
            TrimWhitespace = TrimWhitespace,
            AllowSparse = AllowSparse,
            MissingRealsAsNaNs = MissingRealsAsNaNs,
            DecimalMarker = DecimalMarker,
            MaxRows = MaxRows,
        };
    }
}
