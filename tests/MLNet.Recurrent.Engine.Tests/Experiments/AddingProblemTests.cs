using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Samples.AddingProblem;

namespace MLNet.Recurrent.Engine.Tests.Experiments;

/// <summary>The adding problem's data: marker positions, the input layout and the trivial baseline.</summary>
public class AddingProblemTests
{
    [Fact]
    public void Draw_SetsOneMarkerInEachHalf_AndTheTargetIsTheirSum()
    {
        var random = new RandomGenerator(4);
        for (int i = 0; i < 200; i++)
        {
            int length = 2 + (i % 9);
            AddingExample example = AddingExample.Draw(length, random);
            Assert.InRange(example.First, 0, length / 2 - 1);
            Assert.InRange(example.Second, length / 2, length - 1);
            Assert.All(example.Values, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(example.Values[example.First] + example.Values[example.Second], example.Target);
        }
    }

    [Fact]
    public void Collate_WritesValuesAndMarkersTimeMajor()
    {
        AddingExample[] batch = [new([0.1f, 0.2f, 0.3f, 0.4f], 1, 3), new([0.5f, 0.6f, 0.7f, 0.8f], 0, 2)];
        var (input, target) = AddingExample.Collate(batch);

        Assert.Equal([4, 2, 2], input.ShapeArray);
        // (t, n, feature) with feature 0 the value and 1 the marker.
        Assert.Equal(new float[]
        {
            0.1f, 0, 0.5f, 1,
            0.2f, 1, 0.6f, 0,
            0.3f, 0, 0.7f, 1,
            0.4f, 1, 0.8f, 0,
        }, input.ToArray());
        Assert.Equal([0.2f + 0.4f, 0.5f + 0.7f], target.ToArray());
    }

    [Fact]
    public void Collate_RejectsMixedLengths()
    {
        AddingExample[] batch = [new([0.1f, 0.2f], 0, 1), new([0.1f, 0.2f, 0.3f], 0, 2)];
        var error = Assert.Throws<ArgumentException>(() => AddingExample.Collate(batch));
        Assert.Contains("expected every example to have length 2, got 3 at index 1", error.Message);
    }

    [Fact]
    public void PredictingOne_ScoresTheTrivialMse()
    {
        AddingExample[] examples = AddingExample.DrawMany(20_000, 10, seed: 3);
        double mse = examples.Average(e => (e.Target - 1.0) * (e.Target - 1.0));
        Assert.Equal(AddingExample.TrivialMse, mse, 0.005);
    }
}
