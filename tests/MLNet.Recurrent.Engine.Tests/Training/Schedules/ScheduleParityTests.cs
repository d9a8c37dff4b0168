using System.Globalization;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Engine.Tests.Training;

/// <summary>
/// StepLR, CosineWithWarmup (against torch's LambdaLR with the same factor) and ReduceLROnPlateau against
/// torch.optim.lr_scheduler (1.13): the learning rate after construction and after every step, compared as doubles
/// (tolerance 1e-12 relative: the same double arithmetic in the same order), and for ReduceLROnPlateau its best
/// value, bad-epoch count and cool-down counter after every step, exactly.
/// </summary>
public class ScheduleParityTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-12;

    public static IEnumerable<object[]> Cases() => TrainingFixture.Cases("sched_");

    [Theory]
    [MemberData(nameof(Cases))]
    public void LearningRates_MatchPyTorch(string name)
    {
        TrainingFixture f = TrainingFixture.Load(name);
        Tensor weight = Tensor.Zeros(1);
        weight.RequiresGrad = true;
        var optimizer = new Sgd([weight], f.Single("lr"));
        LearningRateSchedule schedule = Create(f, optimizer);
        double[] expected = f.Doubles("expected.lr");
        bool plateau = schedule is ReduceLROnPlateau;
        double[] metrics = plateau ? f.Doubles("metrics") : [];
        double worst = AssertRate(expected[0], optimizer, schedule, 0);

        for (int t = 0; t < f.Integer("steps"); t++)
        {
            optimizer.Step();
            if (schedule is ReduceLROnPlateau onPlateau)
            {
                schedule.Step((float)metrics[t]);
                Assert.Equal(f.Doubles("expected.best")[t], onPlateau.Best);
                Assert.Equal((int)f.Doubles("expected.num_bad_epochs")[t], onPlateau.BadEpochs);
                Assert.Equal((int)f.Doubles("expected.cooldown_counter")[t], onPlateau.CooldownCounter);
            }
            else
            {
                schedule.Step();
            }
            Assert.Equal(t + 1, schedule.StepCount);
            worst = Math.Max(worst, AssertRate(expected[t + 1], optimizer, schedule, t + 1));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max relative error {worst:E2}"));
    }

    private static double AssertRate(double expected, Optimizer optimizer, LearningRateSchedule schedule, int step)
    {
        double actual = optimizer.LearningRateValue;
        double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(error <= RelativeTolerance || actual == expected,
            string.Create(CultureInfo.InvariantCulture, $"step {step}: lr {actual:R}, torch {expected:R}"));
        Assert.Equal((float)expected, schedule.CurrentLearningRate);
        Assert.Equal((float)expected, optimizer.LearningRate);
        return error;
    }

    internal static LearningRateSchedule Create(TrainingFixture f, Optimizer optimizer) => f.Text("schedule") switch
    {
        "steplr" => new StepLR(optimizer, f.Integer("step_size"), f.Single("gamma")),
        "cosine" => new CosineWithWarmup(optimizer, f.Integer("warmup_steps"), f.Integer("total_steps"), f.Single("min_lr"), f.Single("warmup_start_factor")),
        "plateau" => new ReduceLROnPlateau(optimizer,
            f.Text("mode") == "min" ? PlateauMode.Min : PlateauMode.Max,
            f.Single("factor"), f.Integer("patience"), f.Single("threshold"),
            f.Text("threshold_mode") == "rel" ? ThresholdMode.Relative : ThresholdMode.Absolute,
            f.Integer("cooldown"), f.Single("min_lr"), f.Single("eps")),
        var other => throw new InvalidDataException($"{f.Name}: unknown schedule '{other}'."),
    };
}
