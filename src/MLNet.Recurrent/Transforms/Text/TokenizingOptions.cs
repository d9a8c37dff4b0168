namespace MLNet.Recurrent.Transforms.Text;

/// <summary>
/// Options of <c>mlContext.Transforms.Text.TokenizeIntoKeys</c>: how text is cut into tokens and how the
/// vocabulary that maps tokens to keys is learned (see <see cref="Vocabulary"/> for the key convention).
/// </summary>
public sealed class TokenizingOptions
{
    /// <summary>The column of key sequences to create (Vector&lt;Key&gt;, variable length).</summary>
    public required string OutputColumnName { get; set; }

    /// <summary>The text column (String, or a vector of String whose items are tokenised one after another); null means <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>Words (default) or characters.</summary>
    public TokenUnit Unit { get; set; } = TokenUnit.Word;

    /// <summary>Word separators (default a single space); ignored for characters.</summary>
    public char[] Separators { get; set; } = [' '];

    /// <summary>Whether text is lower-cased (invariant culture) before tokenising, when learning and applying (default false).</summary>
    public bool LowerCase { get; set; }

    /// <summary>The fewest occurrences in the training data for a token to enter the vocabulary (default 1).</summary>
    public int MinimumCount { get; set; } = 1;

    /// <summary>The most learned tokens, special tokens not counted (default 1,000,000); the most frequent are kept.</summary>
    public int MaximumVocabularySize { get; set; } = 1_000_000;

    /// <summary>The padding token, key 1 (default "&lt;pad&gt;").</summary>
    public string PaddingToken { get; set; } = Vocabulary.DefaultPaddingToken;

    /// <summary>The unknown token, key 2, for tokens not in the vocabulary (default "&lt;unk&gt;").</summary>
    public string UnknownToken { get; set; } = Vocabulary.DefaultUnknownToken;

    /// <summary>When not null, a token (key 3) put before each row's tokens (default null).</summary>
    public string? BeginToken { get; set; }

    /// <summary>When not null, a token put after each row's tokens (default null).</summary>
    public string? EndToken { get; set; }

    /// <summary>
    /// When not null, a fixed vocabulary to use instead of learning one (fitting then reads no rows); its special
    /// tokens replace <see cref="PaddingToken"/>, <see cref="UnknownToken"/>, <see cref="BeginToken"/> and <see cref="EndToken"/>.
    /// </summary>
    public Vocabulary? Vocabulary { get; set; }
}
