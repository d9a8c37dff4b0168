using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Inverted dropout, as PyTorch's <c>torch.nn.Dropout</c>: in training mode each element is zeroed with probability p
/// and the survivors are scaled by 1/(1 − p), so <c>y = x ⊙ m / (1 − p)</c> with m ~ Bernoulli(1 − p); in
/// evaluation mode, or with p = 0, <c>y = x</c>.
/// </summary>
public sealed class Dropout : Module
{
    private readonly RandomGenerator _generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="probability">p, in [0, 1). Default 0.5.</param>
    /// <param name="generator">Seeded generator for the masks; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1).</exception>
    public Dropout(float probability = 0.5f, RandomGenerator? generator = null)
    {
        if (!(probability >= 0f && probability < 1f))
        {
            ThrowHelper.OutOfRange(nameof(probability), probability, "a probability in [0, 1)");
        }
        Probability = probability;
        _generator = generator ?? new RandomGenerator(0);
        RegisterGenerator("generator", _generator);
    }

    /// <summary>p.</summary>
    public float Probability { get; }

    /// <summary>Applies dropout (training mode) or the identity (evaluation mode).</summary>
    /// <param name="input">Any shape.</param>
    /// <returns>Same shape as the input.</returns>
    public Tensor Forward(Tensor input)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        if (!IsTraining || Probability == 0f)
        {
            return input;
        }
        Tensor x = input.Contiguous();
        float scale = 1f / (1f - Probability);
        var mask = new float[x.Count];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = _generator.NextSingle() >= Probability ? scale : 0f;
        }
        var output = new float[x.Count];
        TensorPrimitives.Multiply(x.Span, mask, output);
        var result = new Tensor(output, x.ShapeArray);
        if (GradMode.IsEnabled && x.RequiresGrad)
        {
            result.SetGradFn(new DropoutBackward(x, mask), 0);
        }
        return result;
    }

    private sealed class DropoutBackward(Tensor input, float[] mask) : Node(input)
    {
        public override string Name => "DropoutBackward";

        // Forward computed y = x ⊙ m/(1−p); so ∂x = ∂y ⊙ m/(1−p) with the same mask.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            if (outputGradients[0] is not { } dy)
            {
                return [null];
            }
            var dx = new float[mask.Length];
            TensorPrimitives.Multiply(dy.Contiguous().Span, mask, dx);
            return [new Tensor(dx, Inputs[0].ShapeArray)];
        }
    }
}
