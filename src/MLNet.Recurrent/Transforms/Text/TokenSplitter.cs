namespace MLNet.Recurrent.Transforms.Text;

/// <summary>Receives one token; the span is valid only during the call.</summary>
/// <param name="token">The token.</param>
internal delegate void TokenSink(ReadOnlySpan<char> token);

/// <summary>
/// Cuts texts into tokens (words or characters), lower-casing first when asked, into a scratch buffer it reuses,
/// so a pass allocates nothing per row. Not thread-safe: one per cursor.
/// </summary>
/// <param name="unit">Words or characters.</param>
/// <param name="separators">Word separators.</param>
/// <param name="lowerCase">Whether to lower-case (invariant culture) before cutting.</param>
internal sealed class TokenSplitter(TokenUnit unit, char[] separators, bool lowerCase)
{
    private char[] _scratch = [];

    /// <summary>Hands each token of <paramref name="text"/> to <paramref name="sink"/>, in order.</summary>
    /// <param name="text">The text.</param>
    /// <param name="sink">The receiver.</param>
    public void Split(ReadOnlySpan<char> text, TokenSink sink)
    {
        if (lowerCase)
        {
            if (_scratch.Length < text.Length)
            {
                _scratch = new char[Math.Max(text.Length, 2 * _scratch.Length)];
            }

            text.ToLowerInvariant(_scratch);
            text = _scratch.AsSpan(0, text.Length);
        }

        var tokens = new TokenRanges(text, unit, separators);
        while (tokens.MoveNext())
        {
            sink(tokens.Current);
        }
    }
}
