using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

public class ScheduleBehaviourTests
{
    private static Sgd Optimizer(float learningRate)
    {
        Tensor weight = Tensor.Zeros(1);
        weight.RequiresGrad = true;
        return new Sgd([weight], learningRate);
    }

    [Fact]
    public void StepLR_DecaysEveryStepSizeSteps()
    {
        Sgd optimizer = Optimizer(1f);
        var schedule = new StepLR(optimizer, stepSize: 2, gamma: 0.5f);
        var rates = new List<float> { schedule.CurrentLearningRate };
        for (int i = 0; i < 6; i++)
        {
            schedule.Step();
            rates.Add(optimizer.LearningRate);
        }
        Assert.Equal([1f, 1f, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f], rates);
    }

    [Fact]
    public void CosineWithWarmup_RisesLinearlyThenFallsToTheMinimumAndStays()
    {
        Sgd optimizer = Optimizer(0.1f);
        var schedule = new CosineWithWarmup(optimizer, warmupSteps: 4, totalSteps: 8, minLearningRate: 0.01f);
        Assert.Equal(0f, optimizer.LearningRate);
        var rates = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            schedule.Step();
            rates.Add(optimizer.LearningRateValue);
        }
        Assert.Equal(0.025, rates[0], 12);
        Assert.Equal(0.1, rates[3], 12);                          // t = W: the base rate
        Assert.Equal(0.055, rates[5], 12);                        // t = W + (T − W)/2: halfway between η and η_min
        Assert.Equal(0.01, rates[7], 12);                         // t = T
        Assert.Equal(0.01, rates[9], 12);                         // after T
        Assert.Equal(0.1f, schedule.BaseLearningRate);
    }

    [Fact]
    public void CosineWithWarmup_StartFactorSetsTheFirstRate()
    {
        Sgd optimizer = Optimizer(0.2f);
        _ = new CosineWithWarmup(optimizer, warmupSteps: 10, totalSteps: 20, warmupStartFactor: 0.25f);
        Assert.Equal(0.05f, optimizer.LearningRate);
    }

    [Fact]
    public void ReduceLROnPlateau_ReducesAfterPatienceRunsOut()
    {
        Sgd optimizer = Optimizer(1f);
        var schedule = new ReduceLROnPlateau(optimizer, factor: 0.5f, patience: 2);
        float[] metrics = [1f, 0.9f, 0.9f, 0.95f, 0.9f, 0.5f];
        var rates = new List<float>();
        foreach (float metric in metrics)
        {
            schedule.Step(metric);
            rates.Add(optimizer.LearningRate);
        }
        // bad epochs: 0, 0, 1, 2, 3 → reduce (and reset), 0
        Assert.Equal([1f, 1f, 1f, 1f, 0.5f, 0.5f], rates);
        Assert.Equal(0.5, schedule.Best, 7);
    }

    [Fact]
    public void ReduceLROnPlateau_StepWithoutMetric_Throws()
    {
        var schedule = new ReduceLROnPlateau(Optimizer(1f));
        Assert.True(schedule.RequiresMetric);
        var error = Assert.Throws<InvalidOperationException>(schedule.Step);
        Assert.Contains("Step(metric)", error.Message);
    }

    [Fact]
    public void ClosedFormSchedules_IgnoreAMetric()
    {
        Sgd optimizer = Optimizer(1f);
        var schedule = new StepLR(optimizer, 1, 0.5f);
        schedule.Step(123f);
        Assert.Equal(0.5f, optimizer.LearningRate);
    }

    public static TheoryData<string, Func<Optimizer, LearningRateSchedule>> OutOfRange() => new()
    {
        { "stepSize", o => new StepLR(o, 0) },
        { "gamma", o => new StepLR(o, 1, -0.1f) },
        { "warmupSteps", o => new CosineWithWarmup(o, -1, 10) },
        { "totalSteps", o => new CosineWithWarmup(o, 5, 5) },
        { "minLearningRate", o => new CosineWithWarmup(o, 0, 10, minLearningRate: 2f) },
        { "warmupStartFactor", o => new CosineWithWarmup(o, 2, 10, warmupStartFactor: 1.5f) },
        { "factor", o => new ReduceLROnPlateau(o, factor: 1f) },
        { "patience", o => new ReduceLROnPlateau(o, patience: -1) },
        { "threshold", o => new ReduceLROnPlateau(o, threshold: -1e-4f) },
        { "cooldown", o => new ReduceLROnPlateau(o, cooldown: -2) },
        { "minLearningRate", o => new ReduceLROnPlateau(o, minLearningRate: -1f) },
        { "eps", o => new ReduceLROnPlateau(o, eps: float.NaN) },
        { "mode", o => new ReduceLROnPlateau(o, mode: (PlateauMode)7) },
        { "thresholdMode", o => new ReduceLROnPlateau(o, thresholdMode: (ThresholdMode)7) },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Setting_OutOfRange_NamesTheArgument(string argument, Func<Optimizer, LearningRateSchedule> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create(Optimizer(1f)));
        Assert.Equal(argument, error.ParamName);
        Assert.StartsWith(argument + ": expected", error.Message);
    }

    [Fact]
    public void Schedule_NullOptimizer_IsRejected()
        => Assert.Equal("optimizer", Assert.Throws<ArgumentNullException>(() => new StepLR(null!, 1)).ParamName);
}
