using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

public class ScheduleStateTests
{
    private const int Steps = 24;
    private const int SaveAfter = 11;

    /// <summary>A metric that plateaus now and then, so ReduceLROnPlateau reduces and cools down.</summary>
    private static float Metric(int step) => 1f / (1 + step / 4) + (step % 3) * 0.01f;

    public static TheoryData<string, bool> Schedules() => new()
    {
        { "steplr", false }, { "steplr", true },
        { "cosine", false }, { "cosine", true },
        { "plateau", false }, { "plateau", true },
    };

    private static LearningRateSchedule Create(string kind, Optimizer optimizer) => kind switch
    {
        "steplr" => new StepLR(optimizer, stepSize: 4, gamma: 0.5f),
        "cosine" => new CosineWithWarmup(optimizer, warmupSteps: 5, totalSteps: 20, minLearningRate: 1e-4f, warmupStartFactor: 0.1f),
        "plateau" => new ReduceLROnPlateau(optimizer, factor: 0.5f, patience: 1, cooldown: 2),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void Advance(Optimizer optimizer, LearningRateSchedule schedule, Tensor[] parameters, Tensor?[] gradients, int step)
    {
        OptimizerTestData.Step(optimizer, parameters, gradients);
        if (schedule.RequiresMetric)
        {
            schedule.Step(Metric(step));
        }
        else
        {
            schedule.Step();
        }
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void ResumedRun_IsBitIdenticalToAnUninterruptedOne(string kind, bool loadScheduleFirst)
    {
        Tensor[] initial = OptimizerTestData.Parameters(21);
        Tensor?[][] gradients = OptimizerTestData.Gradients(initial, Steps, 22);

        Tensor[] straight = OptimizerTestData.Copies(initial);
        var optimizer = new Adam(straight, 0.01f);
        LearningRateSchedule schedule = Create(kind, optimizer);
        var rates = new List<float>();
        for (int s = 0; s < Steps; s++)
        {
            Advance(optimizer, schedule, straight, gradients[s], s);
            rates.Add(schedule.CurrentLearningRate);
        }
        Assert.True(rates.Distinct().Count() > 2, "the schedule should change the rate several times");

        Tensor[] first = OptimizerTestData.Copies(initial);
        var firstOptimizer = new Adam(first, 0.01f);
        LearningRateSchedule firstSchedule = Create(kind, firstOptimizer);
        for (int s = 0; s < SaveAfter; s++)
        {
            Advance(firstOptimizer, firstSchedule, first, gradients[s], s);
        }
        TrainingState optimizerState = OptimizerStateTests.ThroughSafeTensors(firstOptimizer.StateDict());
        TrainingState scheduleState = OptimizerStateTests.ThroughSafeTensors(firstSchedule.StateDict());

        Tensor[] resumed = OptimizerTestData.Copies(first);
        var resumedOptimizer = new Adam(resumed, 0.01f);
        if (!loadScheduleFirst)
        {
            resumedOptimizer.LoadStateDict(optimizerState);
        }
        LearningRateSchedule resumedSchedule = Create(kind, resumedOptimizer);
        if (loadScheduleFirst)
        {
            resumedSchedule.LoadStateDict(scheduleState);
            resumedOptimizer.LoadStateDict(optimizerState);
        }
        else
        {
            resumedSchedule.LoadStateDict(scheduleState);
        }
        Assert.Equal(SaveAfter, resumedSchedule.StepCount);
        Assert.Equal(rates[SaveAfter - 1], resumedOptimizer.LearningRate);
        for (int s = SaveAfter; s < Steps; s++)
        {
            Advance(resumedOptimizer, resumedSchedule, resumed, gradients[s], s);
            Assert.Equal(rates[s], resumedSchedule.CurrentLearningRate);
        }
        for (int j = 0; j < straight.Length; j++)
        {
            Assert.Equal(straight[j].ToArray(), resumed[j].ToArray());
        }
        OptimizerStateTests.AssertSameState(schedule.StateDict(), resumedSchedule.StateDict());
    }

    [Fact]
    public void LoadStateDict_OtherSettings_IsRejected()
    {
        var optimizer = new Sgd([Leaf()], 0.1f);
        TrainingState state = new StepLR(optimizer, 3).StateDict();
        var error = Assert.Throws<StateDictException>(() => new StepLR(optimizer, 4).LoadStateDict(state));
        Assert.Equal("step_size", error.ParameterName);
        Assert.Equal("type", Assert.Throws<StateDictException>(() => new ReduceLROnPlateau(optimizer).LoadStateDict(state)).ParameterName);
    }

    [Fact]
    public void ReduceLROnPlateauState_HoldsItsCounters()
    {
        var optimizer = new Sgd([Leaf()], 0.1f);
        var schedule = new ReduceLROnPlateau(optimizer, patience: 3, cooldown: 2);
        TrainingState initial = schedule.StateDict();
        Assert.Equal("Infinity", initial.Metadata["best"]);
        schedule.Step(2f);
        schedule.Step(3f);
        TrainingState state = schedule.StateDict();
        Assert.Equal("2", state.Metadata["best"]);
        Assert.Equal("1", state.Metadata["num_bad_epochs"]);
        Assert.Equal("min", state.Metadata["mode"]);
        Assert.Equal("rel", state.Metadata["threshold_mode"]);

        var tooMany = state.Metadata.ToDictionary();
        tooMany["num_bad_epochs"] = "4";
        var error = Assert.Throws<StateDictException>(() => schedule.LoadStateDict(new TrainingState(state.Tensors, tooMany)));
        Assert.Equal("num_bad_epochs", error.ParameterName);
    }

    private static Tensor Leaf()
    {
        Tensor t = Tensor.Zeros(1);
        t.RequiresGrad = true;
        return t;
    }
}
