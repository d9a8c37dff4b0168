using MLNet.Recurrent.Engine.Tests.Testing;
using System.Globalization;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Engine.Tests.Training;

/// <summary>
/// Sgd, Adam, AdamW and RmsProp against torch.optim (1.13, <c>foreach=False</c>) over a grid of options: 8 steps of
/// given gradients over 3 parameters (some steps leave a parameter without a gradient, which both skip; some cases
/// change the learning rate half-way). Every step's parameters and the final state (buffers and each parameter's own
/// step count) are compared. Tolerance per tensor: ‖ours − torch‖∞ ≤ 1e-6·‖torch‖∞ + 1e-7. The update is the same
/// sequence of float32 operations as PyTorch's AVX2 kernels (fused where they fuse), so the measured error is 0 —
/// bit-identical — on seeds 1 to 3; the tolerance allows for a PyTorch build that fuses differently.
/// </summary>
public class OptimizerParityTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-6;
    private const double AbsoluteFloor = 1e-7;

    public static IEnumerable<object[]> Cases() => TrainingFixture.Cases("opt_");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trajectory_MatchesPyTorch(string name)
    {
        TrainingFixture f = TrainingFixture.Load(name);
        int count = f.Integer("parameter_count"), steps = f.Integer("steps");
        Tensor[] parameters = Enumerable.Range(0, count).Select(j =>
        {
            Tensor p = f.Tensor($"param.{j}");
            p.RequiresGrad = true;
            return p;
        }).ToArray();
        Optimizer optimizer = Create(f, parameters);
        double[] learningRates = f.Doubles("lr_per_step");
        string[] mask = f.Text("grad_mask").Split(',');
        double worst = 0;

        for (int s = 0; s < steps; s++)
        {
            optimizer.LearningRate = (float)learningRates[s];
            for (int j = 0; j < count; j++)
            {
                parameters[j].Grad = mask[s][j] == '1' ? f.Tensor($"grad.{s}.{j}") : null;
            }
            optimizer.Step();
            for (int j = 0; j < count; j++)
            {
                worst = Math.Max(worst, ParityFixtures.AssertClose($"step {s} parameter {j}", f.Tensor($"expected.param.{s}.{j}"), parameters[j], RelativeTolerance, AbsoluteFloor));
            }
        }

        TrainingState state = optimizer.StateDict();
        string[] buffers = f.Text("expected.state_names").Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (int j = 0; j < count; j++)
        {
            string stepKey = $"state.{j}.step";
            Assert.Equal(f.Has("expected." + stepKey), state.Metadata.ContainsKey(stepKey));
            if (!state.Metadata.ContainsKey(stepKey))
            {
                continue;
            }
            Assert.Equal(f.Text("expected." + stepKey), state.Metadata[stepKey]);
            foreach (string buffer in buffers)
            {
                string key = $"state.{j}.{buffer}";
                worst = Math.Max(worst, ParityFixtures.AssertClose(key, f.Tensor("expected." + key), state.Tensors[key], RelativeTolerance, AbsoluteFloor));
            }
        }
        int withState = Enumerable.Range(0, count).Count(j => f.Has($"expected.state.{j}.step"));
        Assert.Equal(withState * buffers.Length, state.Tensors.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max relative error {worst:E2}"));
    }

    internal static Optimizer Create(TrainingFixture f, Tensor[] parameters)
    {
        float lr = f.Single("lr");
        return f.Text("optimizer") switch
        {
            "sgd" => new Sgd(parameters, lr, f.Single("momentum"), f.Single("dampening"), f.Single("weight_decay"), f.Boolean("nesterov")),
            "adam" => new Adam(parameters, lr, f.Single("beta1"), f.Single("beta2"), f.Single("eps"), f.Single("weight_decay"), f.Boolean("amsgrad")),
            "adamw" => new AdamW(parameters, lr, f.Single("beta1"), f.Single("beta2"), f.Single("eps"), f.Single("weight_decay"), f.Boolean("amsgrad")),
            "rmsprop" => new RmsProp(parameters, lr, f.Single("alpha"), f.Single("eps"), f.Single("weight_decay"), f.Single("momentum"), f.Boolean("centered")),
            var other => throw new InvalidDataException($"{f.Name}: unknown optimizer '{other}'."),
        };
    }
}
