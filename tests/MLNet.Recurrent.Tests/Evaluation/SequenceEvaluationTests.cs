using MLNet.Recurrent.Data;
using MLNet.Recurrent.Evaluation;

namespace MLNet.Recurrent.Tests.Evaluation;

public class SequenceEvaluationTests
{
    private static readonly MLContext Context = new(seed: 1);
    private static readonly string[] Tags = ["O", "PER", "LOC"];

    private static InMemoryDataView Tagged(int[][] labels, int[][] predicted, int predictedTagCount = 3)
        => new([
            ("Label", new VectorDataViewType(new KeyDataViewType(typeof(uint), 3)), EvaluationData.KeySequences(labels), Annotations.ForKeyValues(Tags)),
            ("PredictedLabel", new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)predictedTagCount)), EvaluationData.KeySequences(predicted), null),
        ]);

    [Fact]
    public void Tagging_skips_padding_counts_missing_predictions_wrong_and_leaves_the_outside_tag_out_of_F1()
    {
        // Tokens (actual→predicted): O→O, PER→PER, LOC→PER, PER→(none); then O→LOC; padding steps (−1) are ignored.
        var data = Tagged([[0, 1, 2, 1, -1, -1], [0, -1]], [[0, 1, 1, -1, 2, 0], [2, 1]]);
        var metrics = Context.MulticlassClassification.EvaluateSequenceTagging(data, outsideTag: "O");
        Assert.Equal(5, metrics.NumberOfTokens);
        Assert.Equal(2.0 / 5, metrics.TokenAccuracy, 15);
        Assert.Equal([1.0, 0.5, 0.0], metrics.PerTagPrecision);
        Assert.Equal([0.5, 0.5, 0.0], metrics.PerTagRecall);
        // PER: TP 1, FP 1, FN 1; LOC: TP 0, FP 1, FN 1 → micro F1 = 2 / (2 + 2 + 2).
        Assert.Equal(2.0 / 6, metrics.MicroF1Score, 15);
        Assert.Equal(0.25, metrics.MacroF1Score, 15);
        Assert.Equal(4, metrics.ConfusionMatrix.Counts.Sum(row => row.Sum()));

        var allTags = Context.MulticlassClassification.EvaluateSequenceTagging(data);
        Assert.Equal((2.0 / 3 + 0.5 + 0) / 3, allTags.MacroF1Score, 15);
    }

    [Fact]
    public void Tagging_errors_name_the_row_the_column_or_the_tag()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => Context.MulticlassClassification.EvaluateSequenceTagging(Tagged([[0, 1], [1, 2, 0]], [[0, 1], [1, 2]])));
        Assert.Equal("data", mismatch.ParamName);
        Assert.Contains("row 1: column 'PredictedLabel' expected 3 steps like 'Label', got 2", mismatch.Message);

        var unknown = Assert.Throws<ArgumentException>(() => Context.MulticlassClassification.EvaluateSequenceTagging(Tagged([[0]], [[0]]), outsideTag: "MISC"));
        Assert.Equal("outsideTag", unknown.ParamName);
        Assert.Contains("(O, PER, LOC), got 'MISC'", unknown.Message);

        var otherTags = Assert.Throws<SchemaMismatchException>(() => Context.MulticlassClassification.EvaluateSequenceTagging(Tagged([[0]], [[0]], predictedTagCount: 4)));
        Assert.Equal(("PredictedLabel", "Vector<Key> of 3 keys like 'Label'"), (otherTags.ColumnName, otherTags.Expected));

        var allPadding = Assert.Throws<ArgumentException>(() => Context.MulticlassClassification.EvaluateSequenceTagging(Tagged([[-1]], [[0]])));
        Assert.Contains("tokens", allPadding.Message);
    }

    [Fact]
    public void Sequence_to_sequence_on_text_measures_characters()
    {
        var data = EvaluationData.View(
            ("Label", TextDataViewType.Instance, new[] { "kitten".AsMemory(), "abc".AsMemory() }),
            ("PredictedLabel", TextDataViewType.Instance, new[] { "sitting".AsMemory(), "abc".AsMemory() }));
        var metrics = Context.MulticlassClassification.EvaluateSequenceToSequence(data);
        Assert.Equal(2, metrics.NumberOfSequences);
        Assert.Equal(0.5, metrics.ExactMatch);
        Assert.Equal((4 + 3) / 9.0, metrics.TokenAccuracy, 15);
        Assert.Equal(1.5, metrics.MeanEditDistance);
        Assert.Equal(3 / 9.0, metrics.NormalizedEditDistance, 15);
    }

    [Fact]
    public void Sequence_to_sequence_on_keys_drops_padding_and_checks_the_vocabulary()
    {
        var keys = new VectorDataViewType(new KeyDataViewType(typeof(uint), 4));
        var data = EvaluationData.View(
            ("Label", keys, EvaluationData.KeySequences([[0, 1, 2, -1, -1]])),
            ("PredictedLabel", keys, EvaluationData.KeySequences([[0, 1, 2]])));
        Assert.Equal(1.0, Context.MulticlassClassification.EvaluateSequenceToSequence(data).ExactMatch);

        var text = EvaluationData.View(("Label", keys, EvaluationData.KeySequences([[0]])), ("PredictedLabel", TextDataViewType.Instance, new[] { "a".AsMemory() }));
        var error = Assert.Throws<SchemaMismatchException>(() => Context.MulticlassClassification.EvaluateSequenceToSequence(text));
        Assert.Equal(("PredictedLabel", "Vector<Key> of 4 keys like 'Label'", "String"), (error.ColumnName, error.Expected, error.Actual));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("intention", "execution", 5)]
    public void Edit_distance_is_levenshtein(string a, string b, int expected)
    {
        var distance = new EditDistance();
        Assert.Equal(expected, distance.Compute(a.Select(c => (int)c).ToArray(), b.Select(c => (int)c).ToArray()));
        Assert.Equal(expected, distance.Compute(b.Select(c => (int)c).ToArray(), a.Select(c => (int)c).ToArray()));
    }
}
