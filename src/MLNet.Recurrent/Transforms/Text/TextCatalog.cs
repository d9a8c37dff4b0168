using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace MLNet.Recurrent;

/// <summary>Text featurisers on <c>mlContext.Transforms.Text</c> (ML.NET's TextCatalog).</summary>
public static class TextCatalog
{
    /// <summary>
    /// Cuts text into characters and maps each to a key of a character vocabulary learned from the data (ML.NET's
    /// name; ML.NET's keys cover every UTF-16 code unit, these only the characters seen). With marker characters,
    /// each row starts with "&lt;␂&gt;" (key 3) and ends with "&lt;␃&gt;" (key 4). See <see cref="TokenizingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The text catalog.</param>
    /// <param name="outputColumnName">The column of key sequences to create.</param>
    /// <param name="inputColumnName">The text column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="useMarkerCharacters">Whether to add begin and end marker tokens to each row (default true).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    public static TokenizingEstimator TokenizeIntoCharactersAsKeys(this TransformsCatalog.TextTransforms catalog, string outputColumnName,
        string? inputColumnName = null, bool useMarkerCharacters = true)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TokenizingEstimator(new TokenizingOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Unit = TokenUnit.Character,
            BeginToken = useMarkerCharacters ? "<\u2402>" : null,
            EndToken = useMarkerCharacters ? "<\u2403>" : null,
        });
    }

    /// <summary>Splits text into words at <paramref name="separators"/> (ML.NET's TokenizeIntoWords); see <see cref="WordTokenizingEstimator"/>.</summary>
    /// <param name="catalog">The text catalog.</param>
    /// <param name="outputColumnName">The column of words (Vector&lt;String&gt;, variable length) to create.</param>
    /// <param name="inputColumnName">The text column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="separators">The separator characters; null means a single space.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is empty, or <paramref name="separators"/> is empty.</exception>
    public static WordTokenizingEstimator TokenizeIntoWords(this TransformsCatalog.TextTransforms catalog, string outputColumnName,
        string? inputColumnName = null, char[]? separators = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new WordTokenizingEstimator(outputColumnName, inputColumnName, separators);
    }

    /// <summary>
    /// Cuts text into words or characters and maps the tokens to keys of a vocabulary learned from the data (key 1 =
    /// padding, 2 = unknown, then tokens by descending count); see <see cref="Vocabulary"/> and <see cref="TokenizingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The text catalog.</param>
    /// <param name="outputColumnName">The column of key sequences to create.</param>
    /// <param name="inputColumnName">The text column; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="unit">Words (default) or characters.</param>
    /// <param name="minimumCount">The fewest occurrences for a token to enter the vocabulary (default 1).</param>
    /// <param name="maximumVocabularySize">The most learned tokens, special ones not counted (default 1,000,000).</param>
    /// <param name="lowerCase">Whether to lower-case text first (default false).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined <paramref name="unit"/>, or a count or size below 1.</exception>
    public static TokenizingEstimator TokenizeIntoKeys(this TransformsCatalog.TextTransforms catalog, string outputColumnName,
        string? inputColumnName = null, TokenUnit unit = TokenUnit.Word, int minimumCount = 1, int maximumVocabularySize = 1_000_000, bool lowerCase = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TokenizingEstimator(new TokenizingOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Unit = unit,
            MinimumCount = minimumCount,
            MaximumVocabularySize = maximumVocabularySize,
            LowerCase = lowerCase,
        });
    }

    /// <summary>Tokenises text into key sequences with every option (separators, special tokens, a fixed vocabulary); see <see cref="TokenizingOptions"/>.</summary>
    /// <param name="catalog">The text catalog.</param>
    /// <param name="options">The options.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">Invalid options (see <see cref="TokenizingEstimator(TokenizingOptions)"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined unit, or a count or size below 1.</exception>
    public static TokenizingEstimator TokenizeIntoKeys(this TransformsCatalog.TextTransforms catalog, TokenizingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TokenizingEstimator(options);
    }
}
