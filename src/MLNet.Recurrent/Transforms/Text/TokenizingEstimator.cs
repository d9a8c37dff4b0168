using System.Runtime.InteropServices;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms.Text;

/// <summary>
/// Cuts text into words or characters and maps each token to a key of a vocabulary learned from the data, giving the
/// key sequences recurrent models read. Fitting makes one pass over the text column to count tokens (none when a
/// fixed vocabulary is given); see <see cref="Vocabulary"/> for the key convention (1 = padding, 2 = unknown, ...).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Input column</term><description>Output column</description></listheader>
/// <item><term>String, or a vector of String (items tokenised one after another)</term><description>Vector&lt;Key&lt;UInt32, vocabulary size&gt;&gt;, variable length, with the vocabulary annotations</description></item>
/// </list>
/// Each row becomes [begin key] + one key per token + [end key]; a token not in the vocabulary becomes
/// <see cref="Vocabulary.UnknownKey"/>. Unlike ML.NET's character tokeniser, whose keys are all 65,535 UTF-16 code
/// units, the keys here cover only the tokens seen while fitting, so embeddings stay small.
/// </remarks>
public sealed class TokenizingEstimator : IEstimator<TokenizingTransformer>
{
    private readonly TokenizingOptions _options;
    private readonly string _inputColumnName;

    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.Text.TokenizeIntoKeys</c> or <c>TokenizeIntoCharactersAsKeys</c>.</summary>
    /// <param name="options">The options (copied).</param>
    /// <exception cref="ArgumentException">An empty output column name, special token or separator list (for words), or equal special tokens.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An undefined unit, <see cref="TokenizingOptions.MinimumCount"/> &lt; 1 or <see cref="TokenizingOptions.MaximumVocabularySize"/> &lt; 1.</exception>
    public TokenizingEstimator(TokenizingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.OutputColumnName, $"{nameof(options)}.{nameof(options.OutputColumnName)}");
        if (!Enum.IsDefined(options.Unit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Unit, $"{nameof(options)}.{nameof(options.Unit)}: expected Word or Character, got {(int)options.Unit}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumCount, 1, $"{nameof(options)}.{nameof(options.MinimumCount)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaximumVocabularySize, 1, $"{nameof(options)}.{nameof(options.MaximumVocabularySize)}");
        if (options.Unit == TokenUnit.Word && (options.Separators is null || options.Separators.Length == 0))
        {
            throw new ArgumentException($"{nameof(options)}.{nameof(options.Separators)}: expected at least one separator for words, got none.", nameof(options));
        }

        _options = new TokenizingOptions
        {
            OutputColumnName = options.OutputColumnName,
            InputColumnName = options.InputColumnName,
            Unit = options.Unit,
            Separators = [.. options.Separators ?? []],
            LowerCase = options.LowerCase,
            MinimumCount = options.MinimumCount,
            MaximumVocabularySize = options.MaximumVocabularySize,
            PaddingToken = options.PaddingToken,
            UnknownToken = options.UnknownToken,
            BeginToken = options.BeginToken,
            EndToken = options.EndToken,
            Vocabulary = options.Vocabulary,
        };
        _inputColumnName = string.IsNullOrEmpty(options.InputColumnName) ? options.OutputColumnName : options.InputColumnName;

        // The vocabulary's constructor checks the special tokens (non-empty, distinct) now rather than after a pass.
        _ = options.Vocabulary ?? new Vocabulary([], options.PaddingToken, options.UnknownToken, options.BeginToken, options.EndToken);
    }

    /// <summary>Counts the tokens of the text column in one pass and builds the vocabulary (or takes the fixed one).</summary>
    /// <param name="input">Training data.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="SchemaMismatchException">The text column is missing or not text.</exception>
    public TokenizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = TextInput.Check(nameof(input), input.Schema, _inputColumnName);
        var vocabulary = _options.Vocabulary ?? Vocabulary.Learn(CountTokens(input, column), _options.MinimumCount, _options.MaximumVocabularySize,
            _options.PaddingToken, _options.UnknownToken, _options.BeginToken, _options.EndToken);
        return new TokenizingTransformer(_options.OutputColumnName, _inputColumnName, _options.Unit, _options.Separators, _options.LowerCase, vocabulary);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TextInput.Check(inputSchema, _inputColumnName);
        return inputSchema.With([new SchemaShape.Column(_options.OutputColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.UInt32, IsKey: true)]);
    }

    private Dictionary<string, long> CountTokens(IDataView input, DataViewSchema.Column column)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var splitter = new TokenSplitter(_options.Unit, _options.Separators, _options.LowerCase);
        TokenSink count = token => CollectionsMarshal.GetValueRefOrAddDefault(lookup, token, out _)++;
        ColumnItems.ForEachRow(input, column, long.MaxValue, (ReadOnlySpan<ReadOnlyMemory<char>> texts) =>
        {
            foreach (var text in texts)
            {
                splitter.Split(text.Span, count);
            }

            return true;
        });
        return counts;
    }
}
