using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;
using static MLNet.Recurrent.Tests.Transforms.TransformTestData;

namespace MLNet.Recurrent.Tests.Transforms;

public class TokenizingTests
{
    private readonly MLContext _ml = new(1);

    [Fact]
    public void TokenizeIntoKeys_learns_vocabulary_by_descending_count_then_ordinal_after_pad_and_unk()
    {
        var data = Texts("Text", "the cat sat", "the dog  sat", "a cat");
        var model = _ml.Transforms.Text.TokenizeIntoKeys("Tokens", "Text").Fit(data);

        // counts: the 2, cat 2, sat 2, dog 1, a 1 → ties broken ordinally.
        Assert.Equal(["<pad>", "<unk>", "cat", "sat", "the", "a", "dog"], model.Vocabulary.Tokens);
        Assert.Equal([0L, 0, 2, 2, 2, 1, 1], model.Vocabulary.Counts);

        var output = model.Transform(Texts("Text", "the cat", "a zebra sat", ""));
        Assert.Equal([[5u, 3u], [6u, Vocabulary.UnknownKey, 4u], []], ReadVectors<uint>(output, "Tokens"));
        var column = output.Schema["Tokens"];
        Assert.Equal(new VectorDataViewType(new KeyDataViewType(typeof(uint), 7)), column.Type);
        Assert.Equal(model.Vocabulary.Tokens, KeyValues(column));
    }

    [Fact]
    public void Options_filter_rare_tokens_cap_the_size_lower_case_and_add_begin_end()
    {
        var data = Texts("Text", "B b c", "b,c,d");
        var model = _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions
        {
            OutputColumnName = "Tokens",
            InputColumnName = "Text",
            Separators = [' ', ','],
            LowerCase = true,
            MinimumCount = 2,
            MaximumVocabularySize = 1,
            BeginToken = "<s>",
            EndToken = "</s>",
        }).Fit(data);

        Assert.Equal(["<pad>", "<unk>", "<s>", "</s>", "b"], model.Vocabulary.Tokens);
        Assert.Equal((3u, 4u, 4), (model.Vocabulary.BeginKey!.Value, model.Vocabulary.EndKey!.Value, model.Vocabulary.SpecialTokenCount));
        Assert.Equal([[3u, 5u, 5u, 2u, 4u], [3u, 5u, 2u, 2u, 4u]], ReadVectors<uint>(model.Transform(data), "Tokens"));
    }

    [Fact]
    public void TokenizeIntoCharactersAsKeys_uses_markers_and_keeps_surrogate_pairs_whole()
    {
        var data = Texts("Word", "ab", "b😀");
        var model = _ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Word").Fit(data);

        Assert.Equal(["<pad>", "<unk>", "<\u2402>", "<\u2403>", "b", "a", "😀"], model.Vocabulary.Tokens);
        Assert.Equal([[3u, 6u, 5u, 4u], [3u, 5u, 7u, 4u]], ReadVectors<uint>(model.Transform(data), "Chars"));

        var plain = _ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Word", useMarkerCharacters: false).Fit(data);
        Assert.Equal([[4u, 3u], [3u, 5u]], ReadVectors<uint>(plain.Transform(data), "Chars"));
    }

    [Fact]
    public void Vector_of_text_is_tokenised_item_after_item_with_one_begin_and_end()
    {
        var data = new InMemoryDataView([("Lines", new VectorDataViewType(TextDataViewType.Instance), new[] { TextVector("x y", "y"), TextVector() }, null)]);
        var model = _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions { OutputColumnName = "K", InputColumnName = "Lines", EndToken = "<eos>" }).Fit(data);
        Assert.Equal([[5u, 4u, 4u, 3u], [3u]], ReadVectors<uint>(model.Transform(data), "K"));
    }

    [Fact]
    public void Vocabulary_travels_in_annotations_and_through_CopyColumns()
    {
        var data = Texts("Text", "x y y");
        var output = _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions { OutputColumnName = "K", InputColumnName = "Text", BeginToken = "<bos>" })
            .Append(_ml.Transforms.CopyColumns("Copy", "K"))
            .Fit(data).Transform(data);

        var vocabulary = Vocabulary.FromColumn(output.Schema["Copy"]);
        Assert.Equal(["<pad>", "<unk>", "<bos>", "y", "x"], vocabulary.Tokens);
        Assert.Equal([0L, 0, 0, 2, 1], vocabulary.Counts);
        Assert.Equal((3u, (uint?)null), (vocabulary.BeginKey!.Value, vocabulary.EndKey));
        Assert.Throws<SchemaMismatchException>(() => Vocabulary.FromColumn(output.Schema["Text"]));
    }

    [Fact]
    public void A_fixed_vocabulary_skips_the_pass_over_the_data()
    {
        var data = new CountingDataView(Texts("Text", "hello world"));
        var fixedVocabulary = new Vocabulary(["world", "hello"]);
        var model = _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions { OutputColumnName = "K", InputColumnName = "Text", Vocabulary = fixedVocabulary }).Fit(data);

        Assert.Equal(0, data.CursorsOpened);
        Assert.Same(fixedVocabulary, model.Vocabulary);
        Assert.Equal([[4u, 3u]], ReadVectors<uint>(model.Transform(data), "K"));
    }

    [Fact]
    public void Vocabulary_maps_tokens_keys_and_embedding_rows_and_rejects_bad_input()
    {
        var vocabulary = new Vocabulary(["a", "b"], endToken: "</s>");
        Assert.Equal(5, vocabulary.Count);
        Assert.Equal(5ul, vocabulary.KeyType.Count);
        Assert.Equal(4u, vocabulary.TokenToKey("a"));
        Assert.Equal(Vocabulary.UnknownKey, vocabulary.TokenToKey("zzz"));
        Assert.Equal("</s>", vocabulary.KeyToToken(3));
        Assert.Equal(0, Vocabulary.ToEmbeddingIndex(Vocabulary.PaddingKey));
        Assert.Equal(Vocabulary.UnknownKey, Vocabulary.FromEmbeddingIndex(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.KeyToToken(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.KeyToToken(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.ToEmbeddingIndex(0));
        var repeated = Assert.Throws<ArgumentException>(() => new Vocabulary(["a", "<unk>"]));
        Assert.Contains("'<unk>' at key 4 (already key 2)", repeated.Message);
        Assert.Throws<ArgumentException>(() => new Vocabulary(["a"], counts: [1, 2]));
    }

    [Fact]
    public void TokenizeIntoWords_splits_at_separators_and_drops_empty_words()
    {
        var data = Texts("Text", "a  b", ",c,,d ", "");
        var output = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text", [' ', ',']).Fit(data).Transform(data);
        Assert.Equal([["a", "b"], ["c", "d"], []], ReadTextVectors(output, "Words"));
        Assert.Equal(new VectorDataViewType(TextDataViewType.Instance), output.Schema["Words"].Type);
    }

    [Fact]
    public void Schema_errors_and_invalid_options_name_what_is_wrong()
    {
        var numbers = Floats("Text", 1);
        var error = Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Text.TokenizeIntoKeys("K", "Text").Fit(numbers));
        Assert.Equal(("Text", "Single"), (error.ColumnName, error.Actual));
        Assert.Throws<SchemaMismatchException>(() => _ml.Transforms.Text.TokenizeIntoWords("W", "Text").GetOutputSchema(SchemaShape.Create(numbers.Schema)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Text.TokenizeIntoKeys("K", minimumCount: 0));
        Assert.Throws<ArgumentException>(() => _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions { OutputColumnName = "K", PaddingToken = "x", UnknownToken = "x" }));
        Assert.Throws<ArgumentException>(() => _ml.Transforms.Text.TokenizeIntoWords("W", separators: []));
    }

    [Fact]
    public void Estimator_shapes_match_the_fitted_schemas()
    {
        var data = Texts("Text", "a b");
        var estimator = _ml.Transforms.Text.TokenizeIntoWords("Words", "Text")
            .Append(_ml.Transforms.Text.TokenizeIntoKeys("Keys", "Words"))
            .Append(_ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Text"));
        AssertShapeMatches(estimator.GetOutputSchema(SchemaShape.Create(data.Schema)), estimator.Fit(data).GetOutputSchema(data.Schema));
    }

    [Fact]
    public void Save_and_load_round_trip_gives_identical_tokens_and_vocabulary()
    {
        var data = Texts("Text", "Hello there, hello", "THERE");
        var keys = _ml.Transforms.Text.TokenizeIntoKeys(new TokenizingOptions
        {
            OutputColumnName = "K",
            InputColumnName = "Text",
            Separators = [' ', ','],
            LowerCase = true,
            BeginToken = "<s>",
            EndToken = "</s>",
        }).Fit(data);
        var loadedKeys = RoundTrip(keys);
        Assert.Equal(keys.Vocabulary.Tokens, loadedKeys.Vocabulary.Tokens);
        Assert.Equal(keys.Vocabulary.Counts, loadedKeys.Vocabulary.Counts);
        Assert.Equal(ReadVectors<uint>(keys.Transform(data), "K"), ReadVectors<uint>(loadedKeys.Transform(data), "K"));

        var chars = _ml.Transforms.Text.TokenizeIntoCharactersAsKeys("C", "Text").Fit(data);
        Assert.Equal(ReadVectors<uint>(chars.Transform(data), "C"), ReadVectors<uint>(RoundTrip(chars).Transform(data), "C"));

        var words = _ml.Transforms.Text.TokenizeIntoWords("W", "Text", [',']).Fit(data);
        Assert.Equal(ReadTextVectors(words.Transform(data), "W"), ReadTextVectors(RoundTrip(words).Transform(data), "W"));
    }
}
