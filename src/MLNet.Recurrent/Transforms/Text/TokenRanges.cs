using System.Text;

namespace MLNet.Recurrent.Transforms.Text;

/// <summary>
/// Enumerates the tokens of a text without allocating: words between separators (empty ones skipped), or
/// characters (Unicode scalar values; an unpaired surrogate is a token of its own).
/// </summary>
internal ref struct TokenRanges
{
    private readonly ReadOnlySpan<char> _text;
    private readonly TokenUnit _unit;
    private readonly ReadOnlySpan<char> _separators;
    private int _next;

    /// <summary>Starts before the first token.</summary>
    /// <param name="text">The text.</param>
    /// <param name="unit">Words or characters.</param>
    /// <param name="separators">Word separators (ignored for characters).</param>
    public TokenRanges(ReadOnlySpan<char> text, TokenUnit unit, ReadOnlySpan<char> separators)
    {
        _text = text;
        _unit = unit;
        _separators = separators;
    }

    /// <summary>Where the current token starts in the text.</summary>
    public int Start { get; private set; }

    /// <summary>The current token's length in chars.</summary>
    public int Length { get; private set; }

    /// <summary>The current token.</summary>
    public readonly ReadOnlySpan<char> Current => _text.Slice(Start, Length);

    /// <summary>Moves to the next token.</summary>
    /// <returns>False when there is none.</returns>
    public bool MoveNext()
    {
        if (_unit == TokenUnit.Character)
        {
            if (_next >= _text.Length)
            {
                return false;
            }

            Rune.DecodeFromUtf16(_text[_next..], out _, out int consumed);
            (Start, Length) = (_next, consumed);
            _next += consumed;
            return true;
        }

        while (_next < _text.Length && _separators.Contains(_text[_next]))
        {
            _next++;
        }

        if (_next >= _text.Length)
        {
            return false;
        }

        int length = _text[_next..].IndexOfAny(_separators);
        Start = _next;
        Length = length < 0 ? _text.Length - _next : length;
        _next += Length;
        return true;
    }
}
