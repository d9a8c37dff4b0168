using System.Buffers;
using System.Text;

namespace MLNet.Recurrent.Data;

/// <summary>How splitting a record ended.</summary>
internal enum SplitStatus
{
    /// <summary>Every field was read.</summary>
    Complete,

    /// <summary>A quoted field is still open at the end of the record (a multi-line field, or a missing quote).</summary>
    Unterminated,

    /// <summary>A closing quote is followed by something other than a separator.</summary>
    TextAfterQuote,
}

/// <summary>
/// Splits a record (a line, or several lines joined by '\n' for a multi-line quoted field) into fields at the
/// separators. With quoting, a field that starts with '"' runs to the matching closing quote (RFC 4180): separators
/// and line breaks inside belong to it, the escape character followed by '"' stands for one quote, and the
/// surrounding quotes are removed. Unquoted fields are slices of the record (no copy); only quoted fields with
/// escapes allocate a string. A record ending with a separator has an empty last field.
/// </summary>
internal sealed class TextFieldSplitter
{
    private const char Quote = '"';
    private readonly SearchValues<char> _separators;
    private readonly bool _allowQuoting;
    private readonly char _escape;
    private readonly StringBuilder _unescaped = new();

    /// <summary>Creates a splitter.</summary>
    /// <param name="separators">Field separators.</param>
    /// <param name="allowQuoting">Whether quoted fields are recognised.</param>
    /// <param name="escape">The character that escapes a quote inside a quoted field.</param>
    public TextFieldSplitter(char[] separators, bool allowQuoting, char escape)
    {
        _separators = SearchValues.Create(separators);
        _allowQuoting = allowQuoting;
        _escape = escape;
    }

    /// <summary>Splits <paramref name="record"/> into <paramref name="fields"/> (cleared first).</summary>
    /// <param name="record">The record.</param>
    /// <param name="fields">Receives the fields.</param>
    /// <returns>Whether it completed, and if not why; the field at fault is the next one (index fields.Count).</returns>
    public SplitStatus Split(string record, List<ReadOnlyMemory<char>> fields)
    {
        fields.Clear();
        int i = 0;
        while (true)
        {
            if (_allowQuoting && i < record.Length && record[i] == Quote)
            {
                var status = ReadQuoted(record, ref i, out var field);
                if (status != SplitStatus.Complete)
                {
                    return status;
                }

                fields.Add(field);
            }
            else
            {
                int length = record.AsSpan(i).IndexOfAny(_separators);
                length = length < 0 ? record.Length - i : length;
                fields.Add(record.AsMemory(i, length));
                i += length;
            }

            if (i >= record.Length)
            {
                return SplitStatus.Complete;
            }

            i++;
            if (i == record.Length)
            {
                fields.Add(ReadOnlyMemory<char>.Empty);
                return SplitStatus.Complete;
            }
        }
    }

    private SplitStatus ReadQuoted(string record, ref int i, out ReadOnlyMemory<char> field)
    {
        int start = i + 1;
        int segment = start;
        bool escaped = false;
        _unescaped.Clear();
        for (int k = start; k < record.Length; k++)
        {
            char c = record[k];
            if (c == _escape && k + 1 < record.Length && record[k + 1] == Quote)
            {
                _unescaped.Append(record, segment, k - segment).Append(Quote);
                escaped = true;
                segment = k + 2;
                k++;
            }
            else if (c == Quote)
            {
                field = escaped ? _unescaped.Append(record, segment, k - segment).ToString().AsMemory() : record.AsMemory(start, k - start);
                i = k + 1;
                return i == record.Length || _separators.Contains(record[i]) ? SplitStatus.Complete : SplitStatus.TextAfterQuote;
            }
        }

        field = default;
        return SplitStatus.Unterminated;
    }
}
