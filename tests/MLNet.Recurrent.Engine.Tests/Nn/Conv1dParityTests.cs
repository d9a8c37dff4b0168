using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

/// <summary>
/// Conv1d against PyTorch 1.13 on every case of the <c>conv</c> fixture set (tools/fixtures/generate_conv_fixtures.py:
/// kernel size × stride × padding × dilation × groups × bias, unbatched, depthwise and larger cases): output and the
/// gradients of input, weight and bias for a random upstream gradient. Tolerance per tensor:
/// ‖ours − torch‖∞ ≤ 1e-5·‖torch‖∞ + 1e-6. Measured worst ‖ours − torch‖∞ / ‖torch‖∞: 5.1e-7 (seed 1), 2.9e-7 (seed 2).
/// </summary>
public class Conv1dParityTests
{
    private const string Area = "conv";

    public static IEnumerable<object[]> Cases() => ParityFixtures.Cases(Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackward_MatchPyTorch(string name)
    {
        ParityFixtures fixture = ParityFixtures.Load(Area, name, "mlnet-conv-fixture/1");
        var conv = new Conv1d(fixture.Int("in_channels"), fixture.Int("out_channels"), fixture.Int("kernel_size"),
            fixture.Int("stride"), fixture.Int("padding"), fixture.Int("dilation"), fixture.Int("groups"), fixture.Bool("bias"));
        conv.LoadStateDict(conv.NamedParameters().ToDictionary(p => p.Key, p => fixture.Tensor(p.Key)));
        Tensor input = fixture.Leaf("input");

        Tensor output = conv.Forward(input);
        ParityFixtures.AssertClose("output", fixture.Tensor("expected.output"), output);
        output.Backward(fixture.Tensor("grad_output"));
        ParityFixtures.AssertClose("grad input", fixture.Tensor("expected.grad.input"), input.Grad);
        foreach (var (parameterName, parameter) in conv.NamedParameters())
        {
            ParityFixtures.AssertClose("grad " + parameterName, fixture.Tensor("expected.grad." + parameterName), parameter.Grad);
        }
    }
}
