using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

/// <summary>
/// Rnn, Lstm and Gru against PyTorch 1.13 on every fixture case (committed, or the directory in
/// MLNET_RECURRENT_FIXTURES): outputs, final states, and the gradients of input, initial states and every
/// parameter. Tolerance per tensor: ‖ours − torch‖∞ ≤ 1e-5·‖torch‖∞ + 1e-6.
/// </summary>
public class RecurrentParityTests
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteFloor = 1e-6;

    public static IEnumerable<object[]> Cases() => RecurrentFixture.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardAndBackward_MatchPyTorch(string name)
    {
        RecurrentFixture fixture = RecurrentFixture.Load(name);
        RecurrentLayer layer = CreateLayer(fixture);
        layer.LoadStateDict(fixture.Parameters);

        Tensor input = fixture.Input.Clone();
        input.RequiresGrad = true;
        Tensor? h0 = fixture.H0?.Clone();
        Tensor? c0 = fixture.C0?.Clone();
        if (h0 is not null)
        {
            h0.RequiresGrad = true;
        }
        if (c0 is not null)
        {
            c0.RequiresGrad = true;
        }

        RecurrentOutput result = layer.Forward(input, h0, c0, fixture.Lengths);

        AssertClose("output", fixture.ExpectedOutput, result.Output);
        AssertClose("h_n", fixture.ExpectedHn, result.HiddenState);
        if (fixture.IsLstm)
        {
            AssertClose("c_n", fixture.ExpectedCn!, result.CellState!);
        }
        else
        {
            Assert.Null(result.CellState);
        }

        // The vector-Jacobian product with (grad_output, grad_h_n[, grad_c_n]): gradients accumulate across the calls.
        result.Output.Backward(fixture.GradOutput);
        result.HiddenState.Backward(fixture.GradHn);
        result.CellState?.Backward(fixture.GradCn!);

        AssertClose("grad input", fixture.ExpectedGradInput, input.Grad!);
        if (h0 is not null)
        {
            AssertClose("grad h0", fixture.ExpectedGradH0!, h0.Grad!);
        }
        if (c0 is not null)
        {
            AssertClose("grad c0", fixture.ExpectedGradC0!, c0.Grad!);
        }
        foreach (var (parameterName, parameter) in layer.NamedParameters())
        {
            AssertClose("grad " + parameterName, fixture.ExpectedParameterGrads[parameterName], parameter.Grad!);
        }
    }

    internal static RecurrentLayer CreateLayer(RecurrentFixture f) => RecurrentLayer.Create(f.Cell switch
    {
        "lstm" => RecurrentCellKind.Lstm,
        "gru" => RecurrentCellKind.Gru,
        "rnn_tanh" => RecurrentCellKind.RnnTanh,
        "rnn_relu" => RecurrentCellKind.RnnRelu,
        _ => throw new InvalidOperationException($"unknown cell '{f.Cell}'"),
    }, f.InputSize, f.HiddenSize, f.NumLayers, f.Bias, f.BatchFirst, 0f, f.Bidirectional);

    private static void AssertClose(string what, Tensor expected, Tensor actual)
        => ParityFixtures.AssertClose(what, expected, actual, RelativeTolerance, AbsoluteFloor);
}
