using System.Numerics.Tensors;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// A 1-d convolution over an input of several channels, as PyTorch's <c>torch.nn.Conv1d</c> (a cross-correlation):
/// <c>out(n, c_out, l) = b(c_out) + Σ_{c ∈ group(c_out)} Σ_{j &lt; k} W(c_out, c, j) · x(n, c, l·stride + j·dilation − padding)</c>,
/// with x = 0 outside [0, L_in).
/// </summary>
/// <remarks>
/// <para>Shapes: input (N, C_in, L_in) or unbatched (C_in, L_in) → output (N, C_out, L_out) or (C_out, L_out), where
/// <c>L_out = ⌊(L_in + 2·padding − dilation·(kernel_size − 1) − 1) / stride⌋ + 1</c>. To feed a recurrent layer, which
/// takes (L, N, H_in), permute the output: <c>conv.Forward(x).Permute(2, 0, 1)</c>.</para>
/// <para>Groups: channels split into <c>groups</c> blocks; output block g sees input block g only (groups = C_in is a
/// depthwise convolution). Padding is zeros on both sides (PyTorch's padding_mode 'zeros'; the string paddings 'same'
/// and 'valid' are not supported — use padding = dilation·(kernel_size − 1)/2 for odd kernels with stride 1).</para>
/// <para>Parameters: <c>weight</c> (C_out, C_in/groups, kernel_size) and <c>bias</c> (C_out), both initialised from
/// U(−√(1/fan_in), √(1/fan_in)) with fan_in = C_in/groups · kernel_size, like PyTorch.</para>
/// <para>Computed as one autograd node: per batch element and group, the input is unfolded (im2col) into a
/// (C_in/groups · k, L_out) column matrix and multiplied by the group's weight rows in one GEMM. Backward recomputes
/// the columns: ∂W += ∂y·colᵀ, ∂col = Wᵀ·∂y folded back onto ∂x (col2im), ∂b = Σ_{n,l} ∂y.</para>
/// </remarks>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="inChannels">C_in: channels of the input.</param>
    /// <param name="outChannels">C_out: channels of the output.</param>
    /// <param name="kernelSize">k: taps of the kernel.</param>
    /// <param name="stride">The step between output positions. Default 1.</param>
    /// <param name="padding">Zeros added on both sides of the input. Default 0.</param>
    /// <param name="dilation">The spacing between kernel taps. Default 1.</param>
    /// <param name="groups">The number of blocked connections from input to output channels; divides C_in and C_out. Default 1.</param>
    /// <param name="bias">Whether to add a learnable bias b. Default true.</param>
    /// <param name="generator">Seeded generator for initialisation; default seed 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size, the stride, the dilation or groups is not positive, or padding is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="groups"/> does not divide both C_in and C_out.</exception>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true, RandomGenerator? generator = null)
    {
        RequirePositive(inChannels, nameof(inChannels), "a positive number of input channels C_in");
        RequirePositive(outChannels, nameof(outChannels), "a positive number of output channels C_out");
        RequirePositive(kernelSize, nameof(kernelSize), "a positive kernel size");
        RequirePositive(stride, nameof(stride), "a positive stride");
        RequirePositive(dilation, nameof(dilation), "a positive dilation");
        RequirePositive(groups, nameof(groups), "a positive number of groups");
        if (padding < 0)
        {
            ThrowHelper.OutOfRange(nameof(padding), padding, "a non-negative padding");
        }
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            ThrowHelper.Argument(nameof(groups), $"expected a divisor of both C_in={inChannels} and C_out={outChannels}, got {groups}.");
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        generator ??= new RandomGenerator(0);
        float bound = 1f / MathF.Sqrt(inChannels / groups * kernelSize);
        Weight = RegisterParameter("weight", Tensor.Uniform(generator, -bound, bound, outChannels, inChannels / groups, kernelSize));
        BiasParameter = bias ? RegisterParameter("bias", Tensor.Uniform(generator, -bound, bound, outChannels)) : null;
    }

    /// <summary>C_in.</summary>
    public int InChannels { get; }

    /// <summary>C_out.</summary>
    public int OutChannels { get; }

    /// <summary>k.</summary>
    public int KernelSize { get; }

    /// <summary>The step between output positions.</summary>
    public int Stride { get; }

    /// <summary>Zeros added on each side.</summary>
    public int Padding { get; }

    /// <summary>The spacing between kernel taps.</summary>
    public int Dilation { get; }

    /// <summary>The number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>W: (C_out, C_in/groups, k).</summary>
    public Tensor Weight { get; }

    /// <summary>b: (C_out), or null without bias.</summary>
    public Tensor? BiasParameter { get; }

    /// <summary>The output length for an input of <paramref name="inputLength"/> positions: ⌊(L_in + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1, or 0 (or less) when the kernel does not fit.</summary>
    /// <param name="inputLength">L_in.</param>
    /// <returns>L_out.</returns>
    public int OutputLength(int inputLength)
    {
        int room = inputLength + 2 * Padding - Dilation * (KernelSize - 1) - 1;
        return room < 0 ? 0 : room / Stride + 1;
    }

    /// <summary>Convolves <paramref name="input"/>.</summary>
    /// <param name="input">(N, C_in, L_in), or (C_in, L_in) for one unbatched sequence.</param>
    /// <returns>(N, C_out, L_out), or (C_out, L_out) for an unbatched input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="TensorShapeException">The input is not rank 2 or 3 with C_in channels, or it is too short for the kernel (L_out would be below 1).</exception>
    public Tensor Forward(Tensor input)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        bool batched = input.Rank == 3;
        if ((input.Rank != 2 && !batched) || input.Size(-2) != InChannels)
        {
            ThrowHelper.Shape(nameof(input), $"(N, C_in={InChannels}, L_in) or (C_in={InChannels}, L_in)", input.Shape);
        }
        int inputLength = input.Size(-1), outputLength = OutputLength(inputLength);
        if (outputLength < 1)
        {
            int span = Dilation * (KernelSize - 1) + 1;
            ThrowHelper.Shape(nameof(input),
                $"(N, C_in={InChannels}, L_in ≥ {Math.Max(1, span - 2 * Padding)}) because the kernel, spanning dilation·(kernel_size − 1) + 1 = {span} positions, must fit in the padded input of L_in + 2·padding = {inputLength + 2 * Padding}",
                input.Shape);
        }
        Tensor x = input.Contiguous();
        int batch = batched ? input.Size(0) : 1;
        var geometry = new Conv1dGeometry(InChannels / Groups, KernelSize, Stride, Padding, Dilation, inputLength, outputLength);
        var output = new float[batch * OutChannels * outputLength];
        ForEachBlock(geometry, batch, x.Span, (block, columns) => Weight.Device.Backend.Gemm(false, false,
            block.OutChannels, outputLength, geometry.Rows, 1f, Weight.Span[block.WeightOffset..], geometry.Rows,
            columns, outputLength, 0f, output.AsSpan(block.OutputOffset), outputLength));
        if (BiasParameter is not null)
        {
            ReadOnlySpan<float> b = BiasParameter.Span;
            for (int row = 0; row < batch * OutChannels; row++)
            {
                Span<float> values = output.AsSpan(row * outputLength, outputLength);
                TensorPrimitives.Add(values, b[row % OutChannels], values);
            }
        }
        Tensor result = x.WithData(output, batched ? [batch, OutChannels, outputLength] : [OutChannels, outputLength]);
        if (GradMode.IsEnabled && (x.RequiresGrad || Weight.RequiresGrad || (BiasParameter?.RequiresGrad ?? false)))
        {
            var node = BiasParameter is null
                ? new Conv1dBackward(this, geometry, batch, x, Weight)
                : new Conv1dBackward(this, geometry, batch, x, Weight, BiasParameter);
            result.SetGradFn(node, 0);
        }
        return result;
    }

    /// <summary>One (batch element, group) pair: where its input channels, weight rows and output channels start (flat offsets).</summary>
    /// <param name="InputOffset">Start of the group's (C_in/groups, L_in) input channels.</param>
    /// <param name="InputCount">C_in/groups · L_in.</param>
    /// <param name="WeightOffset">Start of the group's (C_out/groups, C_in/groups · k) weight rows.</param>
    /// <param name="OutputOffset">Start of the group's (C_out/groups, L_out) output channels.</param>
    /// <param name="OutChannels">C_out/groups.</param>
    private readonly record struct Block(int InputOffset, int InputCount, int WeightOffset, int OutputOffset, int OutChannels);

    /// <summary>A GEMM step on one block, given its column matrix (C_in/groups · k, L_out).</summary>
    private delegate void BlockAction(Block block, ReadOnlySpan<float> columns);

    /// <summary>Every (batch element, group), batch-major.</summary>
    private IEnumerable<Block> Blocks(Conv1dGeometry geometry, int batch)
    {
        int groupIn = InChannels / Groups, groupOut = OutChannels / Groups;
        for (int n = 0; n < batch; n++)
        {
            for (int g = 0; g < Groups; g++)
            {
                yield return new Block(
                    (n * InChannels + g * groupIn) * geometry.InputLength, groupIn * geometry.InputLength,
                    g * groupOut * geometry.Rows,
                    (n * OutChannels + g * groupOut) * geometry.OutputLength, groupOut);
            }
        }
    }

    /// <summary>Visits every block with its unfolded input columns (the input itself when the geometry is the identity).</summary>
    private void ForEachBlock(Conv1dGeometry geometry, int batch, ReadOnlySpan<float> x, BlockAction action)
    {
        float[]? columns = geometry.IsIdentity ? null : new float[geometry.Rows * geometry.OutputLength];
        foreach (Block block in Blocks(geometry, batch))
        {
            ReadOnlySpan<float> input = x.Slice(block.InputOffset, block.InputCount);
            if (columns is not null)
            {
                geometry.Unfold(input, columns);
            }
            action(block, columns ?? input);
        }
    }

    private static void RequirePositive(int value, string paramName, string expected)
    {
        if (value < 1)
        {
            ThrowHelper.OutOfRange(paramName, value, expected);
        }
    }

    private sealed class Conv1dBackward(Conv1d layer, Conv1dGeometry geometry, int batch, params Tensor[] inputs) : Node(inputs)
    {
        public override string Name => "ConvolutionBackward";

        // Forward computed, per batch element and group, y = W_g·col(x) (+ b) with col the im2col unfolding; so
        // ∂W_g += ∂y·colᵀ (columns recomputed here), ∂x = col2im(W_gᵀ·∂y) and ∂b = Σ over batch and positions of ∂y.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            var gradients = new Tensor?[Inputs.Length];
            if (outputGradients[0] is not { } dyTensor)
            {
                return gradients;
            }
            float[] dy = dyTensor.ToArray();
            Tensor x = Inputs[0], weight = Inputs[1];
            var backend = weight.Device.Backend;
            int rows = geometry.Rows, outputLength = geometry.OutputLength;
            if (NeedsGrad(1))
            {
                var dw = new float[weight.Count];
                layer.ForEachBlock(geometry, batch, x.Span, (block, columns) => backend.Gemm(false, true,
                    block.OutChannels, rows, outputLength, 1f, dy.AsSpan(block.OutputOffset), outputLength,
                    columns, outputLength, 1f, dw.AsSpan(block.WeightOffset), rows));
                gradients[1] = weight.WithData(dw, weight.ShapeArray);
            }
            if (NeedsGrad(0))
            {
                gradients[0] = x.WithData(InputGradient(dy, weight.Span), x.ShapeArray);
            }
            if (Inputs.Length > 2 && NeedsGrad(2))
            {
                var db = new float[layer.OutChannels];
                for (int row = 0; row < batch * layer.OutChannels; row++)
                {
                    db[row % layer.OutChannels] += TensorPrimitives.Sum(dy.AsSpan(row * outputLength, outputLength));
                }
                gradients[2] = Inputs[2].WithData(db, [layer.OutChannels]);
            }
            return gradients;
        }

        /// <summary>∂x: per block, ∂col = W_gᵀ·∂y_g (C_in/groups·k, L_out), folded back onto the block's input channels.</summary>
        private float[] InputGradient(float[] dy, ReadOnlySpan<float> weight)
        {
            var backend = Inputs[1].Device.Backend;
            var dx = new float[Inputs[0].Count];
            int rows = geometry.Rows, outputLength = geometry.OutputLength;
            float[]? columns = geometry.IsIdentity ? null : new float[rows * outputLength];
            foreach (Block block in layer.Blocks(geometry, batch))
            {
                Span<float> target = dx.AsSpan(block.InputOffset, block.InputCount);
                Span<float> dcol = columns ?? target;
                backend.Gemm(true, false, rows, outputLength, block.OutChannels, 1f, weight[block.WeightOffset..], rows,
                    dy.AsSpan(block.OutputOffset), outputLength, 0f, dcol, outputLength);
                if (columns is not null)
                {
                    geometry.Fold(columns, target);
                }
            }
            return dx;
        }
    }
}
