using MLNet.Recurrent.Engine.Nn;
using Seq2SeqAddition;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Engine.Tests.Experiments;

/// <summary>
/// The seq2seq addition experiment (samples/Seq2SeqAddition) at its quick budget — 1–2-digit operands, a few thousand
/// training expressions, a few epochs, well under a minute on 2 cores — must actually learn: at least 90 % exact match on
/// held-out expressions with attention, by greedy decoding and by beam search.
/// </summary>
/// <param name="output">Receives the measured scores.</param>
public class Seq2SeqAdditionLearningTests(ITestOutputHelper output)
{
    [Fact]
    public void WithAttention_LearnsTwoDigitAddition()
    {
        var experiment = new AdditionExperiment(AdditionSettings.Quick(seed: 1));
        AdditionResult result = experiment.Run(experiment.Settings.Attention);
        output.WriteLine($"{result.Attention}: exact match greedy {result.ExactMatchGreedy:P1}, beam {result.ExactMatchBeam:P1}, " +
                         $"final training loss {result.FinalTrainingLoss:F4}, {result.Seconds:F1} s");
        Assert.NotEqual(Seq2SeqAttentionKind.None, result.Attention);
        Assert.True(result.ExactMatchGreedy >= 0.9, $"greedy exact match {result.ExactMatchGreedy:P1} < 90 %");
        Assert.True(result.ExactMatchBeam >= 0.9, $"beam-search exact match {result.ExactMatchBeam:P1} < 90 %");
    }

    [Fact]
    public void Data_IsSeededAndHeldOut()
    {
        var experiment = new AdditionExperiment(AdditionSettings.Quick(seed: 4));
        var (training, test) = experiment.Data();
        var again = new AdditionExperiment(AdditionSettings.Quick(seed: 4)).Data();
        Assert.Equal(training.Select(e => e.Expression), again.Training.Select(e => e.Expression));
        Assert.Empty(test.Select(e => e.Expression).Intersect(training.Select(e => e.Expression)));
        Assert.All(test, e => Assert.Equal(e.Sum, (e.Expression.Split('+').Sum(int.Parse)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("12+7", AdditionVocabulary.Decode(AdditionVocabulary.Encode("12+7")));
    }
}
