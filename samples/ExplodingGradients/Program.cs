// ExplodingGradients — Pascanu, Mikolov & Bengio (2013): a tanh RNN whose W_hh has spectral norm g > 1 (a random
// orthogonal matrix times g) is trained on the adding problem with plain SGD, twice from the same weights, data, batch
// order and learning rate: without clipping the global gradient norm spikes and training diverges; with the global
// gradient norm clipped the same spikes become bounded steps and the loss falls.
using System.Globalization;
using MLNet.Recurrent.Samples.AddingProblem;
using MLNet.Recurrent.Samples.ExplodingGradients;

if (!SampleArguments.TryRead(args, ["--seed", "--gain", "--lr", "--clip", "--length", "--hidden", "--epochs"], ["--quick", "--json"],
        "--seed N, --gain G, --lr X, --clip X, --length T, --hidden N, --epochs N, --quick, --json", a =>
        {
            ExplodingGradientsOptions preset = a.Flag("--quick") ? ExplodingGradientsOptions.Quick : new ExplodingGradientsOptions();
            ExplodingGradientsOptions options = preset with
            {
                Seed = a.Long("--seed", preset.Seed),
                Gain = a.Float("--gain", preset.Gain),
                LearningRate = a.Float("--lr", preset.LearningRate),
                ClipGradientNorm = a.Float("--clip", preset.ClipGradientNorm),
                Length = a.Int("--length", preset.Length),
                HiddenSize = a.Int("--hidden", preset.HiddenSize),
                Epochs = a.Int("--epochs", preset.Epochs),
            };
            options.Validate();
            return (Options: options, Json: a.Flag("--json"));
        }, out var settings))
{
    return 2;
}
var (options, json) = settings;

TextWriter log = json ? Console.Error : Console.Out;
log.WriteLine($"exploding gradients: tanh RNN H = {options.HiddenSize}, W_hh = {options.Gain} × random orthogonal, adding problem T = {options.Length}, " +
              $"{options.TrainingSize} sequences, batch {options.BatchSize}, {options.Steps} steps of SGD lr {options.LearningRate}; " +
              $"clipped run: global norm ≤ {options.ClipGradientNorm}; divergence: NaN/∞ or loss > {options.DivergenceLoss}; seed {options.Seed}");
ExplodingGradientsResult result = ExplodingGradientsExperiment.Run(options);

log.WriteLine($"initial ‖W_hh‖₂ = {result.InitialSpectralNorm:F3}, initial test MSE {result.InitialTestMse:F4} (always predicting 1: {AddingExample.TrivialMse:F3})");
log.WriteLine($"run        steps  loss > {options.DivergenceLoss:G3} at  NaN/∞ at  max ‖g‖     median ‖g‖  loss first 10% → last 10%   test MSE");
foreach (ExplodingRunResult run in new[] { result.Unclipped, result.Clipped })
{
    log.WriteLine($"{(run.Clipped ? "clipped" : "unclipped"),-10} {run.Steps,5}  {Step(run.LossAboveBoundStep),13}  {Step(run.NonFiniteStep),8}  " +
                  $"{run.MaxGradientNorm,-10:G3}  {run.MedianGradientNorm,-10:G3}  {run.EarlyLoss,10:G3} → {run.LateLoss,-12:G3}  {run.TestMse:G4}");
}
if (result.Unclipped.NonFinite is { } what)
{
    log.WriteLine($"the unclipped run stopped at step {result.Unclipped.NonFiniteStep}: the {what}");
}
log.WriteLine("gradient norms of the unclipped run, last 8 steps: " + string.Join(", ", result.Unclipped.GradientNorms.TakeLast(8).Select(n => n.ToString("G3", CultureInfo.InvariantCulture))));

if (json)
{
    Console.WriteLine(SampleJson.Serialize(new
    {
        seed = options.Seed,
        T = options.Length,
        hidden = options.HiddenSize,
        gain = options.Gain,
        initialSpectralNorm = result.InitialSpectralNorm,
        optimizer = "SGD",
        learningRate = options.LearningRate,
        batchSize = options.BatchSize,
        plannedSteps = options.Steps,
        clipGradientNorm = options.ClipGradientNorm,
        divergenceLoss = options.DivergenceLoss,
        initialTestMse = result.InitialTestMse,
        unclipped = RunJson(result.Unclipped),
        clipped = RunJson(result.Clipped),
    }));
}
return result.Unclipped.Diverged && !result.Clipped.Diverged ? 0 : 1;

static string Step(long? step) => step?.ToString(CultureInfo.InvariantCulture) ?? "—";

static object RunJson(ExplodingRunResult run) => new
{
    steps = run.Steps,
    diverged = run.Diverged,
    lossAboveBoundStep = run.LossAboveBoundStep,
    nonFiniteStep = run.NonFiniteStep,
    nonFinite = run.NonFinite,
    maxGradientNorm = run.MaxGradientNorm,
    medianGradientNorm = run.MedianGradientNorm,
    earlyLoss = run.EarlyLoss,
    lateLoss = run.LateLoss,
    testMse = run.TestMse,
    gradientNorms = run.GradientNorms,
    losses = run.Losses,
};
