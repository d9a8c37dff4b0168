using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Kernels;

namespace MLNet.Recurrent.Engine.Tensors;

public sealed partial class Tensor
{
    /// <summary>Element-wise power with a scalar exponent: <c>y = xᵖ</c>, with <see cref="MathF.Pow"/> semantics (a negative base with a non-integer exponent gives NaN).</summary>
    /// <param name="exponent">The exponent p. 1, 2, 0.5 and −1 take exact fast paths (copy, x·x, √x, 1/x).</param>
    /// <returns>A new contiguous tensor of the same shape.</returns>
    public Tensor Pow(float exponent)
    {
        Tensor result = exponent switch
        {
            1f => WithData(ToArray(), _shape),
            2f => MapUnary(UnaryOp.Square),
            0.5f => MapUnary(UnaryOp.Sqrt),
            -1f => MapUnary(UnaryOp.Reciprocal),
            _ => PowLoop(exponent),
        };
        if (GradMode.IsEnabled && RequiresGrad)
        {
            result.SetGradFn(new PowBackward(this, exponent), 0);
        }
        return result;
    }

    private Tensor PowLoop(float exponent)
    {
        ReadOnlySpan<float> x = ContiguousValues();
        var result = new float[x.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = MathF.Pow(x[i], exponent);
        }
        return WithData(result, _shape);
    }

    private sealed class PowBackward(Tensor input, float exponent) : Node(input)
    {
        public override string Name => "PowBackward";

        // Forward computed y = xᵖ, so g_x = g ⊙ p·xᵖ⁻¹ (and 0 for p = 0, even at x = 0).
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            Tensor g = outputGradients[0]!;
            return exponent switch
            {
                0f => [Zeros(Inputs[0].ShapeArray)],
                1f => [g],
                2f => [g.Multiply(Inputs[0]).Multiply(2f)],
                _ => [ZipWithGradient(Inputs[0], g, (x, gi) => gi * exponent * MathF.Pow(x, exponent - 1f))],
            };
        }
    }
}
