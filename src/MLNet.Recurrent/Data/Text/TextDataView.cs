using System.Text;

namespace MLNet.Recurrent.Data;

/// <summary>
/// The view a <see cref="TextLoader"/> returns: each cursor opens the files itself and reads them line by line,
/// holding one record (the line string and its field slices). Row ids count records from 0 across the files.
/// Not shufflable (a file is read in order); use ShuffleRows or Cache for random orders.
/// </summary>
internal sealed class TextDataView : IDataView
{
    private readonly TextLoader _loader;
    private readonly string[] _paths;

    /// <summary>Creates the view.</summary>
    /// <param name="loader">The loader (columns and settings).</param>
    /// <param name="paths">The files, read in order.</param>
    public TextDataView(TextLoader loader, string[] paths)
    {
        _loader = loader;
        _paths = paths;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _loader.Schema;

    /// <summary>Unknown without reading the files.</summary>
    /// <returns>Null.</returns>
    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(this, CursorChecks.ActiveFlags(columnsNeeded, Schema.Count));

    private sealed class Cursor(TextDataView view, bool[] active) : DataViewRowCursor
    {
        private const int BufferSize = 1 << 16;
        private readonly TextLoader.Options _options = view._loader.Settings;
        private readonly TextFieldSplitter _splitter = new(view._loader.Settings.Separators, view._loader.Settings.AllowQuoting, view._loader.Settings.EscapeChar);
        private readonly TextRecord _record = new();
        private StreamReader? _reader;
        private int _nextFile;
        private long _lineNumber;
        private bool _atFileStart;
        private long _position = -1;
        private bool _done;

        public override long Position => _position;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            CursorChecks.CheckActive(active, column);
            return CursorChecks.Typed<TValue>(view._loader.Readers[column.Index].CreateGetter(_record), column);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool MoveNext()
        {
            if (_done || _position + 1 >= (_options.MaxRows ?? long.MaxValue))
            {
                Finish();
                return false;
            }

            while (NextLine() is { } line)
            {
                if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || (_atFileStart && line[0] == '#'))
                {
                    continue;
                }

                bool isHeader = _atFileStart && _options.HasHeader;
                _atFileStart = false;
                if (!isHeader)
                {
                    Split(line);
                    _position++;
                    return true;
                }
            }

            Finish();
            return false;
        }

        /// <summary>The next line of the current file, moving to the next file at an end; null after the last file.</summary>
        private string? NextLine()
        {
            while (true)
            {
                if (_reader is null)
                {
                    if (_nextFile >= view._paths.Length)
                    {
                        return null;
                    }

                    _record.Path = view._paths[_nextFile++];
                    var stream = new FileStream(_record.Path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
                    _reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
                    _lineNumber = 0;
                    _atFileStart = true;
                }

                if (_reader.ReadLine() is { } line)
                {
                    _lineNumber++;
                    return _options.TrimWhitespace ? line.TrimEnd() : line;
                }

                _reader.Dispose();
                _reader = null;
            }
        }

        private void Split(string line)
        {
            _record.LineNumber = _lineNumber;
            string record = line;
            var status = _splitter.Split(record, _record.Fields);
            while (status == SplitStatus.Unterminated && _options.ReadMultilines && _reader!.ReadLine() is { } next)
            {
                _lineNumber++;
                record = string.Concat(record, "\n", next);
                status = _splitter.Split(record, _record.Fields);
            }

            if (status != SplitStatus.Complete)
            {
                int field = _record.Fields.Count;
                string problem = status == SplitStatus.Unterminated
                    ? $"expected a closing quote{(_options.ReadMultilines ? " before the end of the file" : " on the same line (ReadMultilines is off)")}"
                    : "expected a separator or the end of the line after a closing quote";
                throw new TextLoaderFormatException(_record.Path, _record.LineNumber, null, field, record, problem);
            }
        }

        private void Finish()
        {
            _done = true;
            _reader?.Dispose();
            _reader = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Finish();
            }
        }
    }
}
