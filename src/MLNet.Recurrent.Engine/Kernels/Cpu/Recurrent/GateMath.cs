using System.Numerics.Tensors;

namespace MLNet.Recurrent.Engine.Kernels.Cpu.Recurrent;

/// <summary>Derivatives of the gate activations written in terms of their outputs, shared by every cell.</summary>
internal static class GateMath
{
    /// <summary>destination = gradient ⊙ y ⊙ (1 − y): the gradient through y = σ(x).</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> gradient, Span<float> destination, Span<float> scratch)
    {
        scratch = scratch[..y.Length];
        TensorPrimitives.Subtract(1f, y, scratch);
        TensorPrimitives.Multiply(scratch, y, scratch);
        TensorPrimitives.Multiply(scratch, gradient, destination);
    }

    /// <summary>destination = gradient ⊙ (1 − y²): the gradient through y = tanh(x).</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> gradient, Span<float> destination, Span<float> scratch)
    {
        scratch = scratch[..y.Length];
        TensorPrimitives.Multiply(y, y, scratch);
        TensorPrimitives.Subtract(1f, scratch, scratch);
        TensorPrimitives.Multiply(scratch, gradient, destination);
    }

    /// <summary>destination = gradient where y &gt; 0, else 0: the gradient through y = max(x, 0).</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> gradient, Span<float> destination)
    {
        for (int j = 0; j < y.Length; j++)
        {
            destination[j] = y[j] > 0f ? gradient[j] : 0f;
        }
    }
}
