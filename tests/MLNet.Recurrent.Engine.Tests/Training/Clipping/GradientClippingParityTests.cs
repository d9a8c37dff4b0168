using MLNet.Recurrent.Engine.Tests.Testing;
using System.Globalization;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;
using Xunit.Abstractions;

namespace MLNet.Recurrent.Engine.Tests.Training;

/// <summary>
/// ClipGradientNorm (p = 2, 1, 3, ∞; clipping and not) and ClipGradientValue against torch.nn.utils.clip_grad_norm_ /
/// clip_grad_value_ (1.13) over three gradients of varied shapes, some parameters without a gradient. Tolerance: the
/// returned norm within 1e-6 relative; each gradient ‖ours − torch‖∞ ≤ 1e-6·‖torch‖∞ + 1e-7 (PyTorch sums in float32
/// in its own order; we round each gradient's norm to float and combine them in double).
/// </summary>
public class GradientClippingParityTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-6;
    private const double AbsoluteFloor = 1e-7;

    public static IEnumerable<object[]> Cases() => TrainingFixture.Cases("clip_");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClippedGradients_MatchPyTorch(string name)
    {
        TrainingFixture f = TrainingFixture.Load(name);
        int count = f.Integer("parameter_count");
        string hasGrad = f.Text("has_grad");
        Tensor[] parameters = new Tensor[count];
        for (int j = 0; j < count; j++)
        {
            Tensor? grad = hasGrad[j] == '1' ? f.Tensor($"grad.{j}") : null;
            parameters[j] = grad is null ? Tensor.Zeros(2) : Tensor.Zeros(grad.ShapeArray);
            parameters[j].RequiresGrad = true;
            parameters[j].Grad = grad;
        }

        double worst = 0;
        if (f.Text("mode") == "norm")
        {
            float normType = f.Single("norm_type");
            float expectedTotal = f.Tensor("expected.total_norm").ToScalar();
            if (normType == 2f)
            {
                worst = Math.Max(worst, RelativeError(expectedTotal, GradientClipping.GlobalGradientNorm(parameters)));
            }
            float total = GradientClipping.ClipGradientNorm(parameters, f.Single("max_norm"), normType);
            worst = Math.Max(worst, RelativeError(expectedTotal, total));
        }
        else
        {
            GradientClipping.ClipGradientValue(parameters, f.Single("clip_value"));
        }
        for (int j = 0; j < count; j++)
        {
            if (hasGrad[j] == '1')
            {
                worst = Math.Max(worst, ParityFixtures.AssertClose($"grad {j}", f.Tensor($"expected.grad.{j}"), parameters[j].Grad!, RelativeTolerance, AbsoluteFloor));
            }
            else
            {
                Assert.Null(parameters[j].Grad);
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max relative error {worst:E2}"));
    }

    private static double RelativeError(float expected, float actual)
    {
        double error = Math.Abs((double)actual - expected) / Math.Abs((double)expected);
        Assert.True(error <= RelativeTolerance, string.Create(CultureInfo.InvariantCulture, $"total norm {actual:G9}, torch {expected:G9}"));
        return error;
    }
}
