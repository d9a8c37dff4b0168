using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// An affine map, as PyTorch's <c>torch.nn.Linear</c>: <c>y = x·Wᵀ + b</c>, applied to the last dimension.
/// </summary>
/// <remarks>
/// Parameters: <c>weight</c> (H_out, H_in) and <c>bias</c> (H_out), both initialised from U(−1/√H_in, 1/√H_in)
/// like PyTorch. Input (*, H_in) → output (*, H_out), where * is any number of leading dimensions.
/// Forward is one GEMM; backward two (∂x = ∂y·W, ∂W = ∂yᵀ·x) plus a column sum for ∂b.
/// </remarks>
public sealed class Linear : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inputSize">H_in.</param>
    /// <param name="outputSize">H_out.</param>
    /// <param name="bias">Whether to add b. Default true.</param>
    /// <param name="generator">Seeded generator for initialisation; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Linear(int inputSize, int outputSize, bool bias = true, RandomGenerator? generator = null)
    {
        if (inputSize < 1)
        {
            ThrowHelper.OutOfRange(nameof(inputSize), inputSize, "a positive input size H_in");
        }
        if (outputSize < 1)
        {
            ThrowHelper.OutOfRange(nameof(outputSize), outputSize, "a positive output size H_out");
        }
        InputSize = inputSize;
        OutputSize = outputSize;
        generator ??= new RandomGenerator(0);
        float bound = 1f / MathF.Sqrt(inputSize);
        Weight = RegisterParameter("weight", Tensor.Uniform(generator, -bound, bound, outputSize, inputSize));
        BiasParameter = bias ? RegisterParameter("bias", Tensor.Uniform(generator, -bound, bound, outputSize)) : null;
    }

    /// <summary>H_in.</summary>
    public int InputSize { get; }

    /// <summary>H_out.</summary>
    public int OutputSize { get; }

    /// <summary>W: (H_out, H_in).</summary>
    public Tensor Weight { get; }

    /// <summary>b: (H_out), or null without bias.</summary>
    public Tensor? BiasParameter { get; }

    /// <summary>Computes y = x·Wᵀ + b.</summary>
    /// <param name="input">(*, H_in).</param>
    /// <returns>(*, H_out).</returns>
    /// <exception cref="TensorShapeException">The input's last dimension is not H_in.</exception>
    public Tensor Forward(Tensor input)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        if (input.Rank < 1 || input.Size(-1) != InputSize)
        {
            ThrowHelper.Shape(nameof(input), $"(*, H_in={InputSize})", input.Shape);
        }
        Tensor x = input.Contiguous();
        int rows = x.Count / InputSize;
        var output = new float[rows * OutputSize];
        Weight.Device.Backend.Gemm(false, true, rows, OutputSize, InputSize, 1f, x.Span, InputSize, Weight.Span, InputSize, 0f, output, OutputSize);
        if (BiasParameter is not null)
        {
            ReadOnlySpan<float> b = BiasParameter.Span;
            for (int r = 0; r < rows; r++)
            {
                Span<float> row = output.AsSpan(r * OutputSize, OutputSize);
                TensorPrimitives.Add(row, b, row);
            }
        }
        int[] shape = input.ShapeArray.ToArray();
        shape[^1] = OutputSize;
        var result = new Tensor(output, shape);
        if (GradMode.IsEnabled && (x.RequiresGrad || Weight.RequiresGrad || (BiasParameter?.RequiresGrad ?? false)))
        {
            result.SetGradFn(BiasParameter is null ? new LinearBackward(this, x, Weight) : new LinearBackward(this, x, Weight, BiasParameter), 0);
        }
        return result;
    }

    private sealed class LinearBackward(Linear layer, params Tensor[] inputs) : Node(inputs)
    {
        public override string Name => "LinearBackward";

        // Forward computed y = x·Wᵀ + b over rows of x; so ∂x = ∂y·W, ∂W = ∂yᵀ·x, ∂b = Σ_rows ∂y.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            var gradients = new Tensor?[Inputs.Length];
            if (outputGradients[0] is not { } dy)
            {
                return gradients;
            }
            ReadOnlySpan<float> g = dy.Contiguous().Span;
            Tensor x = Inputs[0], weight = Inputs[1];
            int inputSize = layer.InputSize, outputSize = layer.OutputSize, rows = x.Count / inputSize;
            var backend = weight.Device.Backend;
            if (NeedsGrad(0))
            {
                var dx = new float[x.Count];
                backend.Gemm(false, false, rows, inputSize, outputSize, 1f, g, outputSize, weight.Span, inputSize, 0f, dx, inputSize);
                gradients[0] = new Tensor(dx, x.ShapeArray);
            }
            if (NeedsGrad(1))
            {
                var dw = new float[weight.Count];
                backend.Gemm(true, false, outputSize, inputSize, rows, 1f, g, outputSize, x.Span, inputSize, 0f, dw, inputSize);
                gradients[1] = new Tensor(dw, weight.ShapeArray);
            }
            if (Inputs.Length > 2 && NeedsGrad(2))
            {
                var db = new float[outputSize];
                for (int r = 0; r < rows; r++)
                {
                    TensorPrimitives.Add(db, g.Slice(r * outputSize, outputSize), db);
                }
                gradients[2] = new Tensor(db, [outputSize]);
            }
            return gradients;
        }
    }
}
