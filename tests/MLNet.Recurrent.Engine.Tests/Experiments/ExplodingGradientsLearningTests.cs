using MLNet.Recurrent.Samples.AddingProblem;
using MLNet.Recurrent.Samples.ExplodingGradients;

namespace MLNet.Recurrent.Engine.Tests.Experiments;

/// <summary>
/// The exploding-gradients experiment's quick variant (<see cref="ExplodingGradientsOptions.Quick"/>: tanh RNN with
/// ‖W_hh‖₂ = 3, adding problem at T = 20, 200 SGD steps at lr 0.1, seed 1). Over seeds 1–8 the unclipped run's
/// gradient norm overflowed to ∞ by step 27–40, and the clipped run's loss fell 3.3–5× with no step above 1 000.
/// </summary>
public class ExplodingGradientsLearningTests
{
    [Fact]
    public void WithoutClipping_TrainingDiverges_WithClippingTheLossFalls()
    {
        ExplodingGradientsOptions options = ExplodingGradientsOptions.Quick;
        ExplodingGradientsResult result = ExplodingGradientsExperiment.Run(options);

        Assert.Equal(options.Gain, result.InitialSpectralNorm, 0.01);
        ExplodingRunResult unclipped = result.Unclipped, clipped = result.Clipped;
        Assert.True(unclipped.NonFiniteStep is not null, $"the unclipped run did not reach a non-finite loss or gradient in {unclipped.Steps} steps");
        Assert.True(unclipped.MaxGradientNorm > 1e6, $"unclipped max gradient norm {unclipped.MaxGradientNorm}");

        Assert.False(clipped.Diverged, $"clipped run: loss above the bound at step {clipped.LossAboveBoundStep}, non-finite at {clipped.NonFiniteStep}");
        Assert.Equal(options.Steps, clipped.Steps);
        Assert.All(clipped.Losses, loss => Assert.True(double.IsFinite(loss)));
        // Both runs start from the same weights and batches: the first gradient is the same spike.
        Assert.Equal(unclipped.GradientNorms[0], clipped.GradientNorms[0]);
        Assert.True(clipped.GradientNorms[0] > 100, $"first gradient norm {clipped.GradientNorms[0]}");
        Assert.True(clipped.LateLoss < clipped.EarlyLoss / 2, $"clipped training loss {clipped.EarlyLoss} → {clipped.LateLoss}");
        Assert.True(clipped.TestMse < result.InitialTestMse / 2, $"clipped test MSE {result.InitialTestMse} → {clipped.TestMse}");
    }

    [Fact]
    public void WithAnOrthogonalWhh_TheSameUnclippedRunStaysFinite()
    {
        // The control: gain 1 (‖W_hh‖₂ = 1), everything else equal — no spike, no divergence.
        ExplodingGradientsOptions options = ExplodingGradientsOptions.Quick with { Gain = 1f };
        var (training, test) = AddingExperiment.MakeData(options.TrainingSize, options.TestSize, options.Length, options.Seed);

        ExplodingRunResult run = ExplodingGradientsExperiment.Train(options, clip: false, training, test);

        Assert.False(run.Diverged, $"loss above the bound at step {run.LossAboveBoundStep}, non-finite at {run.NonFiniteStep}");
        Assert.True(run.MaxGradientNorm < 50, $"max gradient norm {run.MaxGradientNorm}");
        Assert.True(run.TestMse < 0.5, $"test MSE {run.TestMse}");
    }
}
