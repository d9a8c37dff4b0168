using System.Numerics.Tensors;
using System.Text;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;
using Tensor = MLNet.Recurrent.Engine.Tensors.Tensor;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// The cross-entropy between logits and class indices, as PyTorch's <c>torch.nn.CrossEntropyLoss</c> (log-softmax and
/// negative log-likelihood in one step). For element i with logits x_i (C classes) and target class t_i:
/// <c>ℓ_i = (1 − ε)·w_{t_i}·(−log p_{i,t_i}) + (ε/C)·Σ_c w_c·(−log p_{i,c})</c>, <c>log p_i = log_softmax(x_i)</c>,
/// and ℓ_i = 0 where t_i = ignore_index; then <c>L = {ℓ_i}</c> (None), <c>Σᵢ ℓ_i / Σᵢ w_{t_i}</c> over the
/// non-ignored elements (Mean, the default) or <c>Σᵢ ℓ_i</c> (Sum).
/// </summary>
/// <remarks>
/// <para>Shapes: input (N, C), or (N, C, d₁, …, d_K) for K-dimensional targets such as per-step tags (N, C, L), or (C)
/// for one unbatched element; target (N), (N, d₁, …, d_K) or () — the input's shape without C — holding class
/// indices in [0, C) or <see cref="IgnoreIndex"/>. Output () for Mean and Sum, the target's shape for None.</para>
/// <para>w are the optional per-class <see cref="Weight"/>s (1 when absent); ε is <see cref="LabelSmoothing"/>, which
/// mixes the one-hot target with the uniform distribution. As in PyTorch, the smoothing term is class-weighted too,
/// and Mean divides both terms by the total weight Σᵢ w_{t_i} of the non-ignored elements (their count without
/// weights). With every element ignored, Mean is NaN (0/0) and the gradient is 0, as in PyTorch.</para>
/// <para>Computed as one autograd node: forward evaluates the log-softmax once (max-shifted, so extreme logits stay
/// finite) and keeps it; backward is
/// <c>∂ℓ_i/∂x_{i,c} = (1 − ε)·w_{t_i}·(p_{i,c} − δ_{c,t_i}) + (ε/C)·(W·p_{i,c} − w_c)</c>, W = Σ_c w_c — without weights,
/// softmax minus the smoothed one-hot <c>(1 − ε)·δ_{c,t_i} + ε/C</c> — scaled by the reduction. Only the input gets a
/// gradient; the weights are constants.</para>
/// <para>Probability ("soft") targets, which PyTorch also accepts as a float tensor, are not supported.</para>
/// </remarks>
public sealed class CrossEntropyLoss
{
    /// <summary>PyTorch's default <c>ignore_index</c>.</summary>
    public const int DefaultIgnoreIndex = -100;

    /// <summary>Creates the loss.</summary>
    /// <param name="weight">w: a rescaling weight per class, (C), or null for 1. Copied. Default null.</param>
    /// <param name="ignoreIndex">A target value that contributes nothing to the loss, its gradient, or the Mean's denominator. Default −100.</param>
    /// <param name="reduction">How the per-element losses are combined. Default <see cref="Reduction.Mean"/>.</param>
    /// <param name="labelSmoothing">ε ∈ [0, 1]: the amount of smoothing (0: none). Default 0.</param>
    /// <exception cref="TensorShapeException"><paramref name="weight"/> is not a vector.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reduction"/> is not a defined value, or <paramref name="labelSmoothing"/> is outside [0, 1].</exception>
    public CrossEntropyLoss(Tensor? weight = null, int ignoreIndex = DefaultIgnoreIndex, Reduction reduction = Reduction.Mean, float labelSmoothing = 0f)
    {
        if (weight is not null && weight.Rank != 1)
        {
            ThrowHelper.Shape(nameof(weight), "(C): one weight per class", weight.Shape);
        }
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
        {
            ThrowHelper.OutOfRange(nameof(labelSmoothing), labelSmoothing, "a label smoothing ε in [0, 1]");
        }
        Weight = weight?.Clone();
        IgnoreIndex = ignoreIndex;
        Reduction = LossReduction.Validate(reduction, nameof(reduction));
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>w: the per-class weights (a copy), or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>The target value that is ignored.</summary>
    public int IgnoreIndex { get; }

    /// <summary>How the per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>ε: the label smoothing.</summary>
    public float LabelSmoothing { get; }

    /// <summary>Computes the loss of <paramref name="input"/> logits against class indices.</summary>
    /// <param name="input">Logits: (N, C), (N, C, d₁, …, d_K) or (C).</param>
    /// <param name="target">Class indices in [0, C) or <see cref="IgnoreIndex"/>, row-major over the target's shape: the input's shape without C, i.e. (N), (N, d₁, …, d_K) or () — N·d₁·…·d_K values (1 for (C)).</param>
    /// <param name="targetShape">Optionally, the target's shape, checked against the input's; omitted: inferred from the input.</param>
    /// <returns>A scalar (rank 0) for Mean and Sum; the target's shape for None.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="TensorShapeException"><paramref name="input"/> has rank 0 or no classes; the number of targets or <paramref name="targetShape"/> does not match the input; or <see cref="Weight"/> does not hold C values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, C) and differs from <see cref="IgnoreIndex"/> (the message gives its position and value).</exception>
    public Tensor Forward(Tensor input, ReadOnlySpan<int> target, params int[] targetShape)
    {
        ThrowHelper.ThrowIfNull(input, nameof(input));
        ThrowHelper.ThrowIfNull(targetShape, nameof(targetShape));
        ClassLayout layout = CheckInput(input);
        int[] expectedShape = layout.TargetShape(input.Shape);
        if (target.Length != layout.Count)
        {
            ThrowHelper.Shape(nameof(target), $"{ShapeText.Format(expectedShape)}: {layout.Count} class indices for input {ShapeText.Format(input.Shape)}", [target.Length]);
        }
        if (targetShape.Length > 0 && !targetShape.AsSpan().SequenceEqual(expectedShape))
        {
            ThrowHelper.Shape(nameof(targetShape), $"{ShapeText.Format(expectedShape)} (the input's shape {ShapeText.Format(input.Shape)} without C)", targetShape);
        }
        ReadOnlySpan<float> weight = Weight is null ? default : Weight.ContiguousValues();
        CheckTargets(target, layout.Classes, expectedShape);

        float[] logProbabilities = SoftmaxKernel.Forward(input.Device.Backend, input.ContiguousValues(), layout.Outer, layout.Classes, layout.Inner, log: true);
        var losses = new float[layout.Count];
        var scratch = new float[layout.Classes];
        double totalWeight = 0, epsilon = LabelSmoothing;
        for (int e = 0; e < losses.Length; e++)
        {
            int t = target[e];
            if (t == IgnoreIndex)
            {
                continue;
            }
            ReadOnlySpan<float> logP = layout.Row(logProbabilities, e, scratch);
            double weightOfTarget = Weight is null ? 1.0 : weight[t];
            totalWeight += weightOfTarget;
            double loss = -(1.0 - epsilon) * weightOfTarget * logP[t];
            if (epsilon > 0)
            {
                double smooth = -(Weight is null ? TensorPrimitives.Sum(logP) : TensorPrimitives.Dot(weight, logP));
                loss += epsilon / layout.Classes * smooth;
            }
            losses[e] = (float)loss;
        }
        Tensor result = LossReduction.Reduce(input, losses, expectedShape, Reduction, totalWeight);
        if (GradMode.IsEnabled && input.RequiresGrad)
        {
            result.SetGradFn(new CrossEntropyBackward(this, input, layout, logProbabilities, target.ToArray(), totalWeight), 0);
        }
        return result;
    }

    private ClassLayout CheckInput(Tensor input)
    {
        if (input.Rank == 0 || input.Size(input.Rank == 1 ? 0 : 1) == 0)
        {
            ThrowHelper.Shape(nameof(input), "(N, C), (N, C, d₁, …, d_K) or (C) with C ≥ 1 classes", input.Shape);
        }
        var layout = input.Rank == 1
            ? new ClassLayout(1, input.Size(0), 1)
            : new ClassLayout(input.Size(0), input.Size(1), ShapeMath.Product(input.Shape[2..]));
        if (Weight is not null && Weight.Count != layout.Classes)
        {
            ThrowHelper.Shape("weight", $"(C={layout.Classes}) for input {ShapeText.Format(input.Shape)}", Weight.Shape);
        }
        return layout;
    }

    private void CheckTargets(ReadOnlySpan<int> target, int classes, int[] targetShape)
    {
        for (int e = 0; e < target.Length; e++)
        {
            int t = target[e];
            if ((uint)t >= (uint)classes && t != IgnoreIndex)
            {
                ThrowHelper.OutOfRange(nameof(target), t, $"target{Position(e, targetShape)} in [0, {classes - 1}] or ignoreIndex = {IgnoreIndex}");
            }
        }
    }

    /// <summary>The index of flat element <paramref name="flat"/> in <paramref name="shape"/>, as "[i, j]".</summary>
    private static string Position(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return new StringBuilder("[").AppendJoin(", ", index).Append(']').ToString();
    }

    /// <summary>
    /// The input viewed as (Outer, Classes, Inner) = (N, C, d₁·…·d_K): element e = n·Inner + j of the target has its C
    /// logits at n·C·Inner + c·Inner + j, a contiguous row when Inner = 1 and a strided column otherwise.
    /// </summary>
    private readonly record struct ClassLayout(int Outer, int Classes, int Inner)
    {
        public int Count => Outer * Inner;

        public int[] TargetShape(ReadOnlySpan<int> inputShape)
            => inputShape.Length == 1 ? [] : ShapeMath.Remove(inputShape, 1);

        /// <summary>Element <paramref name="element"/>'s C values: a slice of <paramref name="source"/>, or gathered into <paramref name="scratch"/>.</summary>
        public ReadOnlySpan<float> Row(ReadOnlySpan<float> source, int element, Span<float> scratch)
        {
            int start = Start(element);
            if (Inner == 1)
            {
                return source.Slice(start, Classes);
            }
            for (int c = 0; c < Classes; c++)
            {
                scratch[c] = source[start + c * Inner];
            }
            return scratch;
        }

        /// <summary>Writes element <paramref name="element"/>'s C values into their places in <paramref name="destination"/>.</summary>
        public void SetRow(ReadOnlySpan<float> row, int element, Span<float> destination)
        {
            int start = Start(element);
            for (int c = 0; c < Classes; c++)
            {
                destination[start + c * Inner] = row[c];
            }
        }

        private int Start(int element) => (element / Inner * Classes * Inner) + (element % Inner);
    }

    private sealed class CrossEntropyBackward(CrossEntropyLoss loss, Tensor input, ClassLayout layout, float[] logProbabilities, int[] target, double totalWeight)
        : Node(input)
    {
        public override string Name => "CrossEntropyLossBackward";

        // Forward computed log p = log_softmax(x) along C (kept in logProbabilities) and
        // ℓ = (1 − ε)·w_t·(−log p_t) + (ε/C)·Σ_c w_c·(−log p_c); since ∂(−log p_k)/∂x_c = p_c − δ_ck,
        // ∂ℓ/∂x_c = a·(p_c − δ_ct) + b·(W·p_c − w_c) with a = (1 − ε)·w_t, b = ε/C, W = Σ_c w_c; ignored elements get 0.
        public override Tensor?[] Backward(Tensor?[] outputGradients)
        {
            if (outputGradients[0] is not { } dy)
            {
                return [null];
            }
            float[] upstream = LossReduction.Upstream(dy, loss.Reduction, layout.Count, totalWeight);
            ReadOnlySpan<float> weight = loss.Weight is null ? default : loss.Weight.ContiguousValues();
            float b = loss.LabelSmoothing / layout.Classes;
            float weightSum = loss.Weight is null ? layout.Classes : TensorPrimitives.Sum(weight);
            var dx = new float[input.Count];
            var scratch = new float[layout.Classes];
            var probabilities = new float[layout.Classes];
            var row = new float[layout.Classes];
            for (int e = 0; e < target.Length; e++)
            {
                int t = target[e];
                if (t == loss.IgnoreIndex)
                {
                    continue;
                }
                float scale = upstream[e];
                float a = (1f - loss.LabelSmoothing) * (loss.Weight is null ? 1f : weight[t]);
                TensorPrimitives.Exp(layout.Row(logProbabilities, e, scratch), probabilities);
                // row = s·b·(W·p − w), then row += s·a·(p − δ_t): p_t − 1 is exact for p_t ≥ ½, so no cancellation.
                TensorPrimitives.Multiply(probabilities, scale * b * weightSum, row);
                if (loss.Weight is null)
                {
                    TensorPrimitives.Subtract(row, scale * b, row);
                }
                else
                {
                    TensorPrimitives.MultiplyAdd(weight, -scale * b, row, row);
                }
                probabilities[t] -= 1f;
                TensorPrimitives.MultiplyAdd(probabilities, scale * a, row, row);
                layout.SetRow(row, e, dx);
            }
            return [input.WithData(dx, input.ShapeArray)];
        }
    }
}
