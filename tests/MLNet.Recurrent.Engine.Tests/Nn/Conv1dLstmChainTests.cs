using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Tests.Testing;

namespace MLNet.Recurrent.Engine.Tests.Nn;

/// <summary>
/// A convolutional front-end feeding a recurrent layer, the usual way: Conv1d over (N, C_in, L_in) gives
/// (N, C_out, L_out); Permute(2, 0, 1) makes it (L_out, N, C_out), the (L, N, H_in) layout an Lstm takes.
/// </summary>
public class Conv1dLstmChainTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConvPermuteLstm_BackwardMatchesFiniteDifferences_EndToEnd(bool bidirectional)
    {
        var conv = new Conv1d(3, 4, 3, stride: 2, padding: 1, generator: new RandomGenerator(5));
        var lstm = new Lstm(4, 3, bidirectional: bidirectional, generator: new RandomGenerator(6));
        Tensor x = GradInputs.Uniform(7, 2, 3, 9);

        Tensor[] Chain(Tensor[] v)
        {
            RecurrentOutput result = lstm.Forward(conv.Forward(v[0]).Permute(2, 0, 1));
            return [result.Output, result.HiddenState, result.CellState!];
        }

        Tensor[] outputs = Chain([x.Detach()]);
        Assert.Equal(new[] { 5, 2, bidirectional ? 6 : 3 }, outputs[0].Shape.ToArray());
        GradientCheck.Assert(Chain, [x], conv.Parameters().Concat(lstm.Parameters()));
    }
}
