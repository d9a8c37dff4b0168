namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Levenshtein distance between two sequences: the fewest insertions, deletions and substitutions (each cost 1) that
/// turn one into the other. Dynamic programming over two rows: O(|a|·|b|) time, O(|b|) memory reused between calls.
/// </summary>
internal sealed class EditDistance
{
    private int[] _previous = [];
    private int[] _current = [];

    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="a">First sequence.</param>
    /// <param name="b">Second sequence.</param>
    /// <returns>d(a, b) ≥ |len(a) − len(b)|.</returns>
    public int Compute(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (_previous.Length < b.Length + 1)
        {
            _previous = new int[b.Length + 1];
            _current = new int[b.Length + 1];
        }

        for (int j = 0; j <= b.Length; j++)
        {
            _previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            _current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = _previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                _current[j] = Math.Min(substitution, Math.Min(_previous[j], _current[j - 1]) + 1);
            }

            (_previous, _current) = (_current, _previous);
        }

        return _previous[b.Length];
    }
}
