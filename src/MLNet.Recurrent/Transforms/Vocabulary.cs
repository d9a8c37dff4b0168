using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The token ↔ key convention shared by the tokenisers (<c>TokenizeIntoKeys</c>,
/// <c>TokenizeIntoCharactersAsKeys</c>) and the recurrent estimators that embed their output:
/// <list type="table">
/// <listheader><term>Key</term><description>Token</description></listheader>
/// <item><term>0</term><description>never produced by a tokeniser (ML.NET's "missing key")</description></item>
/// <item><term>1 = <see cref="PaddingKey"/></term><description>padding, "&lt;pad&gt;" by default</description></item>
/// <item><term>2 = <see cref="UnknownKey"/></term><description>unknown: any token not in the vocabulary, "&lt;unk&gt;" by default</description></item>
/// <item><term>3, 4 (optional)</term><description>begin then end of sequence, when configured (<see cref="BeginKey"/>, <see cref="EndKey"/>)</description></item>
/// <item><term>then</term><description>the learned tokens by descending count, ties in ordinal order of the token text</description></item>
/// </list>
/// A model's embedding row for key k is k − 1 (<see cref="ToEmbeddingIndex"/>), so row 0 is padding (PyTorch's
/// <c>padding_idx = 0</c>), and the embedding has <see cref="Count"/> rows — the key type's count.
/// </summary>
/// <remarks>
/// A tokeniser's output column carries the vocabulary as annotations: <see cref="AnnotationKinds.KeyValues"/> (the
/// token of key k at index k − 1), <see cref="SpecialKeysAnnotationKind"/> (Vector&lt;UInt32, 4&gt;: padding,
/// unknown, begin, end keys, 0 where absent) and <see cref="TokenCountsAnnotationKind"/> (Vector&lt;Int64&gt;: the
/// training count of each key, 0 for special tokens). <see cref="FromColumn"/> reads them back.
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The key of the padding token (1); its embedding index is 0.</summary>
    public const uint PaddingKey = 1;

    /// <summary>The key of the unknown token (2), given to every token not in the vocabulary.</summary>
    public const uint UnknownKey = 2;

    /// <summary>The padding token unless configured otherwise: "&lt;pad&gt;".</summary>
    public const string DefaultPaddingToken = "<pad>";

    /// <summary>The unknown token unless configured otherwise: "&lt;unk&gt;".</summary>
    public const string DefaultUnknownToken = "<unk>";

    /// <summary>Annotation kind holding the special keys as Vector&lt;UInt32, 4&gt;: padding, unknown, begin, end (0 = none).</summary>
    public const string SpecialKeysAnnotationKind = "Vocabulary.SpecialKeys";

    /// <summary>Annotation kind holding the training count of each key as Vector&lt;Int64, Count&gt; (0 for special tokens).</summary>
    public const string TokenCountsAnnotationKind = "Vocabulary.TokenCounts";

    private readonly string[] _tokens;
    private readonly long[] _counts;
    private readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _keys;

    /// <summary>Creates a vocabulary from special tokens and regular tokens in key order (for example a pretrained one).</summary>
    /// <param name="tokens">Regular tokens, which get keys from <see cref="SpecialTokenCount"/> + 1 on, in order; none may be empty, repeated or special.</param>
    /// <param name="paddingToken">Token of key 1 (default "&lt;pad&gt;").</param>
    /// <param name="unknownToken">Token of key 2 (default "&lt;unk&gt;").</param>
    /// <param name="beginToken">When not null, the token of key 3, put before each sequence (default null).</param>
    /// <param name="endToken">When not null, the token of the next key, put after each sequence (default null).</param>
    /// <param name="counts">Optional training count of each regular token (same length as <paramref name="tokens"/>, each ≥ 0).</param>
    /// <exception cref="ArgumentException">An empty or repeated token (special ones included), or counts of another length or negative.</exception>
    public Vocabulary(IEnumerable<string> tokens, string paddingToken = DefaultPaddingToken, string unknownToken = DefaultUnknownToken,
        string? beginToken = null, string? endToken = null, IEnumerable<long>? counts = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var specials = new List<string> { paddingToken, unknownToken };
        BeginKey = Append(specials, beginToken);
        EndKey = Append(specials, endToken);
        _tokens = [.. specials, .. tokens];
        SpecialTokenCount = specials.Count;
        long[] regularCounts = counts?.ToArray() ?? new long[_tokens.Length - SpecialTokenCount];
        if (regularCounts.Length != _tokens.Length - SpecialTokenCount || regularCounts.Any(c => c < 0))
        {
            throw new ArgumentException($"{nameof(counts)}: expected {_tokens.Length - SpecialTokenCount} counts, each ≥ 0, got {regularCounts.Length} with minimum {(regularCounts.Length == 0 ? 0 : regularCounts.Min())}.", nameof(counts));
        }

        _counts = [.. new long[SpecialTokenCount], .. regularCounts];
        var keys = new Dictionary<string, uint>(_tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < _tokens.Length; i++)
        {
            if (string.IsNullOrEmpty(_tokens[i]) || !keys.TryAdd(_tokens[i], (uint)i + 1))
            {
                throw new ArgumentException($"{nameof(tokens)}: expected distinct non-empty tokens, got '{_tokens[i]}' at key {i + 1}{(string.IsNullOrEmpty(_tokens[i]) ? "" : $" (already key {keys[_tokens[i]]})")}.", nameof(tokens));
            }
        }

        _keys = keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static uint? Append(List<string> specials, string? token)
    {
        if (token is null)
        {
            return null;
        }

        specials.Add(token);
        return (uint)specials.Count;
    }

    /// <summary>The number of keys, special tokens included: the key type's count and the embedding's row count.</summary>
    public int Count => _tokens.Length;

    /// <summary>The token of each key: <c>Tokens[k − 1]</c> is the token of key k.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The training count of each key: <c>Counts[k − 1]</c> for key k (0 for special tokens).</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>The number of special tokens: 2 (padding, unknown) plus one each for begin and end when configured.</summary>
    public int SpecialTokenCount { get; }

    /// <summary>The padding token (key 1).</summary>
    public string PaddingToken => _tokens[PaddingKey - 1];

    /// <summary>The unknown token (key 2).</summary>
    public string UnknownToken => _tokens[UnknownKey - 1];

    /// <summary>The key put before each sequence, or null.</summary>
    public uint? BeginKey { get; }

    /// <summary>The key put after each sequence, or null.</summary>
    public uint? EndKey { get; }

    /// <summary>The key type of a column of this vocabulary's keys: Key&lt;UInt32&gt; with <see cref="Count"/> values.</summary>
    public KeyDataViewType KeyType => new(typeof(uint), (ulong)Count);

    /// <summary>The embedding row of <paramref name="key"/>: key − 1 (padding → 0).</summary>
    /// <param name="key">A key ≥ 1.</param>
    /// <returns>The 0-based index.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="key"/> is 0 (missing) or above int.MaxValue.</exception>
    public static int ToEmbeddingIndex(uint key)
    {
        ArgumentOutOfRangeException.ThrowIfZero(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key, (uint)int.MaxValue);
        return (int)key - 1;
    }

    /// <summary>The key of embedding row <paramref name="index"/>: index + 1.</summary>
    /// <param name="index">A row ≥ 0.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static uint FromEmbeddingIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return (uint)index + 1;
    }

    /// <summary>The key of <paramref name="token"/>, or <see cref="UnknownKey"/> when it is not in the vocabulary.</summary>
    /// <param name="token">A token (compared ordinally).</param>
    /// <returns>1 … <see cref="Count"/>.</returns>
    public uint TokenToKey(ReadOnlySpan<char> token) => _keys.TryGetValue(token, out uint key) ? key : UnknownKey;

    /// <summary>The token of <paramref name="key"/>.</summary>
    /// <param name="key">1 … <see cref="Count"/>.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="key"/> is 0 or above <see cref="Count"/>.</exception>
    public string KeyToToken(uint key)
    {
        if (key == 0 || key > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, $"{nameof(key)}: expected 1 … {Count}, got {key}.");
        }

        return _tokens[key - 1];
    }

    /// <summary>The annotations of a key column of this vocabulary: KeyValues, special keys and token counts.</summary>
    /// <returns>The annotations.</returns>
    public Annotations ToAnnotations()
    {
        var text = _tokens.Select(t => t.AsMemory()).ToArray();
        uint[] specialKeys = [PaddingKey, UnknownKey, BeginKey ?? 0, EndKey ?? 0];
        return new Annotations(new Dictionary<string, (DataViewType, object)>
        {
            [AnnotationKinds.KeyValues] = (new VectorDataViewType(TextDataViewType.Instance, Count), new VBuffer<ReadOnlyMemory<char>>(Count, text)),
            [SpecialKeysAnnotationKind] = (new VectorDataViewType(NumberDataViewType.UInt32, 4), new VBuffer<uint>(4, specialKeys)),
            [TokenCountsAnnotationKind] = (new VectorDataViewType(NumberDataViewType.Int64, Count), new VBuffer<long>(Count, [.. _counts])),
        });
    }

    /// <summary>Reads the vocabulary of a tokeniser's output column (or a copy of it) from its annotations.</summary>
    /// <param name="column">A column of keys, or of vectors of keys, written by a tokeniser.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="SchemaMismatchException">The column is not of keys, or lacks the vocabulary annotations, or they disagree with the key count.</exception>
    public static Vocabulary FromColumn(DataViewSchema.Column column)
    {
        const string Expected = "keys with a tokeniser's vocabulary annotations (KeyValues, " + SpecialKeysAnnotationKind + ")";
        VBuffer<ReadOnlyMemory<char>> tokens = default;
        VBuffer<uint> special = default;
        if (ItemTypes.ItemOf(column.Type) is not KeyDataViewType keyType
            || !column.Annotations.TryGetValue(AnnotationKinds.KeyValues, out tokens)
            || !column.Annotations.TryGetValue(SpecialKeysAnnotationKind, out special)
            || tokens.Length != (int)keyType.Count || special.Length != 4
            || special.GetValues()[0] != PaddingKey || special.GetValues()[1] != UnknownKey)
        {
            throw new SchemaMismatchException(nameof(column), column.Name, Expected, $"{column.Type} with annotations [{string.Join(", ", column.Annotations.Kinds)}]");
        }

        var keys = special.GetValues();
        int specialCount = 2 + (keys[2] != 0 ? 1 : 0) + (keys[3] != 0 ? 1 : 0);
        var text = tokens.DenseValues().Select(t => t.ToString()).ToArray();
        long[]? counts = column.Annotations.TryGetValue(TokenCountsAnnotationKind, out VBuffer<long> countBuffer) && countBuffer.Length == text.Length
            ? countBuffer.GetValues()[specialCount..].ToArray()
            : null;
        return new Vocabulary(text[specialCount..], text[0], text[1], keys[2] != 0 ? text[keys[2] - 1] : null, keys[3] != 0 ? text[keys[3] - 1] : null, counts);
    }

    /// <summary>
    /// Builds the vocabulary from token counts: tokens counted at least <paramref name="minimumCount"/> times, by
    /// descending count then ordinal order, at most <paramref name="maximumSize"/> of them; special tokens are never learned.
    /// </summary>
    /// <param name="counts">Token → count, from one pass over the data.</param>
    /// <param name="minimumCount">The fewest occurrences a token needs.</param>
    /// <param name="maximumSize">The most regular tokens kept.</param>
    /// <param name="paddingToken">Token of key 1.</param>
    /// <param name="unknownToken">Token of key 2.</param>
    /// <param name="beginToken">Optional begin token.</param>
    /// <param name="endToken">Optional end token.</param>
    /// <returns>The vocabulary.</returns>
    internal static Vocabulary Learn(IReadOnlyDictionary<string, long> counts, int minimumCount, int maximumSize,
        string paddingToken, string unknownToken, string? beginToken, string? endToken)
    {
        var special = new HashSet<string>(StringComparer.Ordinal) { paddingToken, unknownToken };
        special.UnionWith(new[] { beginToken, endToken }.OfType<string>());
        var learned = counts.Where(entry => entry.Value >= minimumCount && !special.Contains(entry.Key))
            .OrderByDescending(entry => entry.Value)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .Take(maximumSize)
            .ToArray();
        return new Vocabulary(learned.Select(e => e.Key), paddingToken, unknownToken, beginToken, endToken, learned.Select(e => e.Value));
    }

    /// <summary>Writes the vocabulary into a model manifest.</summary>
    /// <param name="context">Where to write.</param>
    internal void Save(ModelSaveContext context)
    {
        context.Manifest["paddingToken"] = PaddingToken;
        context.Manifest["unknownToken"] = UnknownToken;
        if (BeginKey is { } begin)
        {
            context.Manifest["beginToken"] = _tokens[begin - 1];
        }

        if (EndKey is { } end)
        {
            context.Manifest["endToken"] = _tokens[end - 1];
        }

        context.Manifest["tokens"] = JsonSerializer.SerializeToNode(_tokens[SpecialTokenCount..]);
        context.Manifest["counts"] = JsonSerializer.SerializeToNode(_counts[SpecialTokenCount..]);
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <param name="context">Where to read.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="ModelFormatException">A field is missing or the tokens are invalid.</exception>
    internal static Vocabulary Load(ModelLoadContext context)
    {
        try
        {
            return new Vocabulary(context.Get<string[]>("tokens"), context.Get<string>("paddingToken"), context.Get<string>("unknownToken"),
                context.GetOrDefault<string?>("beginToken", null), context.GetOrDefault<string?>("endToken", null), context.Get<long[]>("counts"));
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(context.Path, $"invalid vocabulary: {e.Message}", e);
        }
    }
}
