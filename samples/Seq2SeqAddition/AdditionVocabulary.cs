namespace Seq2SeqAddition;

/// <summary>
/// The characters of the addition task as token ids, shared by source and target: PAD 0, BOS 1, EOS 2, '+' 3 and the
/// digits '0'–'9' as 4–13.
/// </summary>
public static class AdditionVocabulary
{
    /// <summary>Padding; ignored by the loss.</summary>
    public const int Pad = 0;

    /// <summary>Begin of sequence: the decoder's first input.</summary>
    public const int Bos = 1;

    /// <summary>End of sequence: the decoder's last output.</summary>
    public const int Eos = 2;

    /// <summary>The '+' sign.</summary>
    public const int Plus = 3;

    /// <summary>The id of '0'; '1'–'9' follow.</summary>
    public const int Zero = 4;

    /// <summary>V: the number of ids.</summary>
    public const int Size = 14;

    /// <summary>The ids of a string of digits and '+'.</summary>
    /// <param name="text">Digits and '+' only.</param>
    /// <returns>One id per character.</returns>
    /// <exception cref="ArgumentException">A character is neither a digit nor '+'.</exception>
    public static int[] Encode(string text)
        => [.. text.Select(c => c switch
        {
            '+' => Plus,
            >= '0' and <= '9' => Zero + (c - '0'),
            _ => throw new ArgumentException($"text: expected digits and '+', got '{c}' in \"{text}\".", nameof(text)),
        })];

    /// <summary>The text of ids; PAD, BOS and EOS print as '_', '^' and '$'.</summary>
    /// <param name="ids">Token ids in [0, V).</param>
    /// <returns>One character per id.</returns>
    public static string Decode(IEnumerable<int> ids)
        => string.Concat(ids.Select(id => id switch
        {
            Pad => '_',
            Bos => '^',
            Eos => '$',
            Plus => '+',
            _ => (char)('0' + id - Zero),
        }));
}
