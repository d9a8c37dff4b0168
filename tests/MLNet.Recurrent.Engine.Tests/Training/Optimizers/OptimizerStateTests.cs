using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Interop;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

public class OptimizerStateTests
{
    private const int Steps = 9;
    private const int SaveAfter = 4;

    public static TheoryData<string> Kinds() => OptimizerTestData.KindData();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ResumedRun_IsBitIdenticalToAnUninterruptedOne(string kind)
    {
        Tensor[] initial = OptimizerTestData.Parameters(11);
        Tensor?[][] gradients = OptimizerTestData.Gradients(initial, Steps, 12);

        Tensor[] straight = OptimizerTestData.Copies(initial);
        Optimizer uninterrupted = OptimizerTestData.Create(kind, straight);
        for (int s = 0; s < Steps; s++)
        {
            uninterrupted.LearningRate = LearningRateAt(uninterrupted, s);
            OptimizerTestData.Step(uninterrupted, straight, gradients[s]);
        }

        Tensor[] first = OptimizerTestData.Copies(initial);
        Optimizer before = OptimizerTestData.Create(kind, first);
        for (int s = 0; s < SaveAfter; s++)
        {
            before.LearningRate = LearningRateAt(before, s);
            OptimizerTestData.Step(before, first, gradients[s]);
        }
        TrainingState saved = ThroughSafeTensors(before.StateDict());

        Tensor[] resumed = OptimizerTestData.Copies(first);
        Optimizer after = OptimizerTestData.Create(kind, resumed);
        after.LoadStateDict(saved);
        Assert.Equal(SaveAfter, after.StepCount);
        Assert.Equal(before.LearningRate, after.LearningRate);
        for (int s = SaveAfter; s < Steps; s++)
        {
            after.LearningRate = LearningRateAt(after, s);
            OptimizerTestData.Step(after, resumed, gradients[s]);
        }

        Assert.Equal(Steps, after.StepCount);
        for (int j = 0; j < straight.Length; j++)
        {
            Assert.Equal(straight[j].ToArray(), resumed[j].ToArray());
        }
        AssertSameState(uninterrupted.StateDict(), after.StateDict());
    }

    [Fact]
    public void StateDict_UsesPyTorchNamesAndCopiesTheBuffers()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(13);
        var optimizer = new Adam(parameters, 0.01f, amsgrad: true);
        OptimizerTestData.Step(optimizer, parameters, OptimizerTestData.Gradients(parameters, 1, 14)[0]);
        TrainingState state = optimizer.StateDict();

        Assert.Equal("Adam", state.Metadata["type"]);
        Assert.Equal("mlnet-training-state/1", state.Metadata["format"]);
        Assert.Equal("0.01", state.Metadata["lr"]);
        Assert.Equal("0.999", state.Metadata["beta2"]);
        Assert.Equal("true", state.Metadata["amsgrad"]);
        Assert.Equal("1", state.Metadata["step_count"]);
        Assert.Equal("(2, 3, 7)", state.Metadata["parameters.2.shape"]);
        Assert.Equal(
            ["state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq", "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq"],
            state.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([5], state.Tensors["state.1.exp_avg"].Shape.ToArray());

        float[] snapshot = state.Tensors["state.0.exp_avg"].ToArray();
        OptimizerTestData.Step(optimizer, parameters, OptimizerTestData.Gradients(parameters, 1, 15)[0]);
        Assert.Equal(snapshot, state.Tensors["state.0.exp_avg"].ToArray());
    }

    [Fact]
    public void LoadStateDict_OtherOptimizerType_IsRejected()
    {
        TrainingState state = new Adam(OptimizerTestData.Parameters(1)).StateDict();
        var error = Assert.Throws<StateDictException>(() => new AdamW(OptimizerTestData.Parameters(1)).LoadStateDict(state));
        Assert.Equal("type", error.ParameterName);
        Assert.Contains("written by AdamW, got one written by Adam", error.Message);
    }

    [Fact]
    public void LoadStateDict_OtherHyperParameter_IsRejected()
    {
        TrainingState state = new Adam(OptimizerTestData.Parameters(1), beta2: 0.99f).StateDict();
        var error = Assert.Throws<StateDictException>(() => new Adam(OptimizerTestData.Parameters(1)).LoadStateDict(state));
        Assert.Equal("beta2", error.ParameterName);
        Assert.Contains("this object has 0.999, the state has 0.99", error.Message);
    }

    [Fact]
    public void LoadStateDict_OtherParameterShape_IsRejected()
    {
        Tensor a = Tensor.Zeros(2, 3), b = Tensor.Zeros(3, 2);
        a.RequiresGrad = b.RequiresGrad = true;
        var error = Assert.Throws<StateDictException>(() => new Sgd([b], 0.1f).LoadStateDict(new Sgd([a], 0.1f).StateDict()));
        Assert.Equal("parameters.0.shape", error.ParameterName);
        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void LoadStateDict_OtherParameterCount_IsRejected()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(1);
        TrainingState state = new RmsProp(parameters).StateDict();
        var error = Assert.Throws<StateDictException>(() => new RmsProp(parameters.Take(2)).LoadStateDict(state));
        Assert.Equal("parameter_count", error.ParameterName);
    }

    [Fact]
    public void LoadStateDict_MissingOrWrongBuffer_IsRejectedAndChangesNothing()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(1);
        var source = new Sgd(parameters, 0.1f, momentum: 0.9f);
        OptimizerTestData.Step(source, parameters, OptimizerTestData.Gradients(parameters, 1, 2)[0]);
        TrainingState state = source.StateDict();
        var target = new Sgd(OptimizerTestData.Copies(parameters), 0.1f, momentum: 0.9f) { LearningRate = 0.3f };

        var missing = new TrainingState(state.Tensors.Where(p => p.Key != "state.1.momentum_buffer").ToDictionary(), state.Metadata);
        Assert.Equal("state.1.momentum_buffer", Assert.Throws<StateDictException>(() => target.LoadStateDict(missing)).ParameterName);

        var reshaped = state.Tensors.ToDictionary();
        reshaped["state.0.momentum_buffer"] = Tensor.Zeros(4, 3);
        var shapeError = Assert.Throws<TensorShapeException>(() => target.LoadStateDict(new TrainingState(reshaped, state.Metadata)));
        Assert.Equal("state['state.0.momentum_buffer']", shapeError.ParamName);

        var extra = state.Tensors.ToDictionary();
        extra["state.0.exp_avg"] = Tensor.Zeros(3, 4);
        Assert.Equal("state.0.exp_avg", Assert.Throws<StateDictException>(() => target.LoadStateDict(new TrainingState(extra, state.Metadata))).ParameterName);

        var badStep = state.Metadata.ToDictionary();
        badStep["step_count"] = "-1";
        Assert.Equal("step_count", Assert.Throws<StateDictException>(() => target.LoadStateDict(new TrainingState(state.Tensors, badStep))).ParameterName);

        Assert.Equal(0.3f, target.LearningRate);
        Assert.Equal(0, target.StepCount);
        Assert.Empty(target.StateDict().Tensors);
    }

    [Fact]
    public void TrainingState_PrefixesSelectTheirPartOfACheckpoint()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(1);
        var optimizer = new Adam(parameters);
        OptimizerTestData.Step(optimizer, parameters, OptimizerTestData.Gradients(parameters, 1, 2)[0]);
        TrainingState prefixed = optimizer.StateDict().WithPrefix("optimizer.");
        Assert.All(prefixed.Tensors.Keys.Concat(prefixed.Metadata.Keys), k => Assert.StartsWith("optimizer.", k));

        var tensors = prefixed.Tensors.Concat([new KeyValuePair<string, Tensor>("model.weight", Tensor.Zeros(2))]).ToDictionary();
        var metadata = prefixed.Metadata.Concat([new KeyValuePair<string, string>("model.kind", "lstm")]).ToDictionary();
        TrainingState selected = TrainingState.Select(tensors, metadata, "optimizer.");
        Assert.Equal(optimizer.StateDict().Metadata.Keys.Order(), selected.Metadata.Keys.Order());
        Assert.Equal(optimizer.StateDict().Tensors.Keys.Order(), selected.Tensors.Keys.Order());
    }

    /// <summary>The learning rate of step s: changed at step 2 and 6, as a schedule would.</summary>
    private static float LearningRateAt(Optimizer optimizer, int s) => s is 2 or 6 ? optimizer.LearningRate * 0.5f : optimizer.LearningRate;

    /// <summary>Writes the state into one safetensors stream beside a model tensor, reads it back and selects it.</summary>
    internal static TrainingState ThroughSafeTensors(TrainingState state)
    {
        TrainingState prefixed = state.WithPrefix("optimizer.");
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, prefixed.Tensors.Append(new("model.weight", Tensor.Ones(2, 2))), prefixed.Metadata);
        return TrainingState.FromFile(SafeTensors.Read(stream.ToArray()), "optimizer.");
    }

    internal static void AssertSameState(TrainingState expected, TrainingState actual)
    {
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Tensors.Keys.Order(StringComparer.Ordinal), actual.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, tensor) in expected.Tensors)
        {
            Assert.Equal(tensor.ToArray(), actual.Tensors[key].ToArray());
        }
    }
}
