using MLNet.Recurrent.Engine.Tests.Testing;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

[Collection(SequentialGlobalStateCollection.Name)]
public class OptimizerStepTests
{
    public static TheoryData<string> Kinds() => OptimizerTestData.KindData();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_SkipsParametersWithoutGradient(string kind)
    {
        Tensor[] parameters = OptimizerTestData.Parameters(1);
        float[] before = parameters[1].ToArray();
        Optimizer optimizer = OptimizerTestData.Create(kind, parameters);
        parameters[0].Grad = Tensor.Ones(3, 4);
        optimizer.Step();

        Assert.Equal(before, parameters[1].ToArray());
        TrainingState state = optimizer.StateDict();
        Assert.Equal("1", state.Metadata["state.0.step"]);
        Assert.False(state.Metadata.ContainsKey("state.1.step"));
        Assert.DoesNotContain(state.Tensors.Keys, k => k.StartsWith("state.1.", StringComparison.Ordinal));
        Assert.Equal(1, optimizer.StepCount);
    }

    [Fact]
    public void PlainSgd_SubtractsLearningRateTimesGradient()
    {
        Tensor weight = Tensor.FromArray([1f, 2f, 3f]);
        weight.RequiresGrad = true;
        var optimizer = new Sgd([weight], 0.5f);
        weight.Grad = Tensor.FromArray([2f, -4f, 0f]);
        optimizer.Step();
        Assert.Equal(new[] { 0f, 4f, 3f }, weight.ToArray());
    }

    [Fact]
    public void AdamFirstStep_MovesEachElementByTheLearningRate()
    {
        // m̂ = g and v̂ = g² at t = 1, so the step is γ·g/(|g| + ε) ≈ γ·sign(g).
        Tensor weight = Tensor.FromArray([0f, 0f]);
        weight.RequiresGrad = true;
        var optimizer = new Adam([weight], 0.1f);
        weight.Grad = Tensor.FromArray([3f, -0.02f]);
        optimizer.Step();
        Assert.Equal(-0.1f, weight[0], 6);
        Assert.Equal(0.1f, weight[1], 6);
    }

    [Fact]
    public void ZeroGrad_ClearsEveryGradient()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(2);
        var optimizer = new Sgd(parameters, 0.1f);
        foreach (Tensor p in parameters)
        {
            p.Grad = Tensor.Ones(p.ShapeArray);
        }
        optimizer.ZeroGrad();
        Assert.All(parameters, p => Assert.Null(p.Grad));
    }

    [Fact]
    public void LearningRate_SetterChangesTheNextStep()
    {
        Tensor weight = Tensor.FromArray([1f]);
        weight.RequiresGrad = true;
        var optimizer = new Sgd([weight], 0.1f) { LearningRate = 0.25f };
        Assert.Equal(0.25f, optimizer.LearningRate);
        weight.Grad = Tensor.FromArray([1f]);
        optimizer.Step();
        Assert.Equal(0.75f, weight[0]);
    }

    [Fact]
    public void Step_WrongGradientShape_NamesTheParameterAndChangesNothing()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(3);
        float[] first = parameters[0].ToArray();
        var optimizer = new Adam(parameters);
        parameters[0].Grad = Tensor.Ones(3, 4);
        parameters[2].Grad = Tensor.Ones(2, 3, 6);
        var error = Assert.Throws<TensorShapeException>(optimizer.Step);
        Assert.Equal("parameters[2].Grad", error.ParamName);
        Assert.Contains("(2, 3, 7)", error.Message);
        Assert.Contains("(2, 3, 6)", error.Message);
        Assert.Equal(first, parameters[0].ToArray());
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Step_AllocatesNothingOnceWarm(string kind)
    {
        Tensor[] parameters = OptimizerTestData.Parameters(4);
        Optimizer optimizer = OptimizerTestData.Create(kind, parameters);
        foreach (Tensor p in parameters)
        {
            p.Grad = Tensor.Normal(new RandomGenerator(5), 0, 1, p.ShapeArray);
        }
        for (int i = 0; i < 3; i++)
        {
            optimizer.Step();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            optimizer.Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Step_DoesNotRecordAutograd()
    {
        Tensor[] parameters = OptimizerTestData.Parameters(6);
        var optimizer = new RmsProp(parameters, momentum: 0.9f);
        foreach (Tensor p in parameters)
        {
            p.Grad = Tensor.Ones(p.ShapeArray);
        }
        optimizer.Step();
        Assert.All(parameters, p => Assert.True(p.IsLeaf && p.RequiresGrad));
    }
}
