using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Binary cross-entropy on logits — a sigmoid and the binary cross-entropy in one numerically stable step — as
/// PyTorch's <c>torch.nn.BCEWithLogitsLoss</c>:
/// <c>ℓ_i = −w_i·[p_i·y_i·log σ(x_i) + (1 − y_i)·log(1 − σ(x_i))]</c>,
/// then <c>L = {ℓ_i}</c> (None), <c>Σᵢ ℓ_i / n</c> (Mean, the default) or <c>Σᵢ ℓ_i</c> (Sum), n the number of elements.
/// </summary>
/// <remarks>
/// <para>x are logits, y targets in [0, 1] (probabilities; not checked, as in PyTorch), w the optional
/// <see cref="Weight"/> and p the optional <see cref="PosWeight"/> (1 when absent), both broadcast to the input's
/// shape. Computed as PyTorch does, without ever forming σ(x):
/// <c>ℓ_i = w_i·[(1 − y_i)·x_i + (1 + (p_i − 1)·y_i)·softplus(−x_i)]</c>, with
/// <c>softplus(−x) = max(−x, 0) + log(1 + exp(−|x|))</c>, so large |x| neither overflows nor loses the tail.</para>
/// <para>Shapes: input (*), target (*) the same shape; <c>weight</c> broadcastable to (*); <c>pos_weight</c>
/// broadcastable to (*) along the trailing dimensions — typically (C) for input (N, C), one weight per class
/// (p &gt; 1 raises recall, p &lt; 1 precision). Output () for Mean and Sum, (*) for None.</para>
/// <para>Gradients: <c>∂ℓ/∂x = w·[(1 + (p − 1)·y)·σ(x) − p·y]</c> (w·(σ(x) − y) without p) and
/// <c>∂ℓ/∂y = w·[(p − 1)·softplus(−x) − x]</c>. The weights are constants (copied at construction; no gradient).
/// Mean over an empty input is NaN (0/0), as in PyTorch.</para>
/// </remarks>
public sealed class BinaryCrossEntropyWithLogitsLoss : ElementwiseLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">w: a rescaling weight broadcastable to the input's shape (e.g. (N, 1) per batch element), or null for 1. Copied. Default null.</param>
    /// <param name="reduction">How the per-element losses are combined. Default <see cref="Reduction.Mean"/>.</param>
    /// <param name="posWeight">p: the weight of positive examples, broadcastable to the input's shape along its trailing dimensions — usually (C), one per class — or null for 1. Copied. Default null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reduction"/> is not a defined value.</exception>
    public BinaryCrossEntropyWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
        : base(reduction)
    {
        Weight = weight?.Clone();
        PosWeight = posWeight?.Clone();
    }

    /// <summary>w: the rescaling weight (a copy), or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>p: the weight of positive examples (a copy), or null.</summary>
    public Tensor? PosWeight { get; }

    /// <summary>The kernel with <see cref="Weight"/> and <see cref="PosWeight"/> broadcast to the input's shape.</summary>
    /// <exception cref="TensorShapeException">A weight does not broadcast to the input's shape (names <c>weight</c> or <c>posWeight</c>).</exception>
    private protected override IElementwiseLossKernel CreateKernel(Tensor input)
        => new Kernel(Expand(Weight, input, "weight"), Expand(PosWeight, input, "posWeight"));

    /// <summary>The weight's values broadcast to the input's shape, row-major; null when there is no weight.</summary>
    private static float[]? Expand(Tensor? weight, Tensor input, string paramName)
    {
        if (weight is null)
        {
            return null;
        }
        if (!Broadcasting.BroadcastShape(input.Shape, weight.Shape, paramName).AsSpan().SequenceEqual(input.Shape))
        {
            ThrowHelper.Shape(paramName, $"a shape that broadcasts to the input's {ShapeText.Format(input.Shape)}", weight.Shape);
        }
        return weight.BroadcastTo(input.ShapeArray).ToArray();
    }

    /// <summary>The per-element function with the weights of one call (null: 1), in double for the softplus.</summary>
    private sealed class Kernel(float[]? weight, float[]? posWeight) : IElementwiseLossKernel
    {
        public string GradFnName => "BinaryCrossEntropyWithLogitsBackward";

        public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> loss)
        {
            for (int i = 0; i < input.Length; i++)
            {
                double x = input[i], y = target[i];
                double logWeight = posWeight is null ? 1.0 : 1.0 + (posWeight[i] - 1.0) * y;
                loss[i] = (float)(W(i) * ((1.0 - y) * x + logWeight * SoftplusOfNegative(x)));
            }
        }

        // Forward computed ℓ = w·[(1 − y)x + (1 + (p − 1)y)·softplus(−x)]; d softplus(−x)/dx = −(1 − σ(x)),
        // so ∂ℓ/∂x = w·[(1 + (p − 1)y)σ(x) − p·y].
        public void InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> upstream, Span<float> inputGradient)
        {
            for (int i = 0; i < input.Length; i++)
            {
                double y = target[i], p = posWeight is null ? 1.0 : posWeight[i];
                double sigmoid = 1.0 / (1.0 + Math.Exp(-(double)input[i]));
                inputGradient[i] = (float)(upstream[i] * W(i) * ((1.0 + (p - 1.0) * y) * sigmoid - p * y));
            }
        }

        // ... and ∂ℓ/∂y = w·[(p − 1)·softplus(−x) − x].
        public void TargetGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> upstream, Span<float> targetGradient)
        {
            for (int i = 0; i < input.Length; i++)
            {
                double x = input[i], p = posWeight is null ? 1.0 : posWeight[i];
                targetGradient[i] = (float)(upstream[i] * W(i) * ((p - 1.0) * SoftplusOfNegative(x) - x));
            }
        }

        private double W(int i) => weight is null ? 1.0 : weight[i];

        /// <summary>softplus(−x) = log(1 + e^(−x)) = max(−x, 0) + log1p(e^(−|x|)), accurate for any x.</summary>
        private static double SoftplusOfNegative(double x) => Math.Max(-x, 0.0) + Log1P(Math.Exp(-Math.Abs(x)));

        /// <summary>log(1 + e) for e ≥ 0 without losing small e (Kahan: log(u)·e/(u − 1) with u = 1 + e rounded).</summary>
        private static double Log1P(double e)
        {
            double u = 1.0 + e;
            return u == 1.0 ? e : Math.Log(u) * e / (u - 1.0);
        }
    }
}
