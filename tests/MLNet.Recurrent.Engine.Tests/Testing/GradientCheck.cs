using System.Globalization;
using System.Text;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Tests.Testing;

/// <summary>
/// Checks analytic gradients against central finite differences, for any function of tensors (an op, a layer, a loss).
/// </summary>
/// <remarks>
/// <para>For outputs y_j = f(x)_j and a seeded random upstream gradient w_j ~ U(−1, 1) of the same shapes, the scalar
/// L(x) = Σ_j Σ w_j ⊙ y_j is accumulated in double from the float outputs. The analytic gradient comes from one
/// <c>y_j.Backward(w_j)</c> per output (accumulating into the inputs' <see cref="Tensor.Grad"/>); the numeric one is
/// ∂L/∂x_e ≈ (L(x + h·e) − L(x − h·e)) / (x_e⁺ − x_e⁻), where x_e± = float(x_e ± h) are the values actually fed to the
/// float forward pass (so rounding of the perturbed input does not bias the quotient), evaluated under
/// <see cref="GradMode.NoGrad"/>. Only inputs with <see cref="Tensor.RequiresGrad"/> set are checked (as
/// <c>torch.autograd.gradcheck</c>); the others are constants. The inputs are cloned first, so the caller's tensors
/// are neither perturbed nor given gradients.</para>
/// <para>Tolerances (defaults in <see cref="GradientCheckOptions"/>): an element passes when
/// |analytic − numeric| ≤ atol + rtol·|numeric| with atol = 1e-3 and rtol = 5e-3. The numeric error has two parts:
/// float rounding of L, about 6e-8·Σ|w ⊙ y| ≈ 1e-6 for outputs of order 1 (tens of elements), amplified by 1/(2h);
/// and the truncation error h²·|L‴|/6. With h = 1e-2·max(1, |x|) both are of order 1e-5–1e-4 for smooth ops with
/// inputs of order 1 (h is near the float32 optimum (3·rounding/|L‴|)^(1/3) ≈ 1e-2), growing where the third
/// derivative is large (1/x, x^−1.5 near small x), which the rtol part absorbs. Measured on the op tests: most checks
/// use under 7% of their tolerance, the worst 31% (Pow(−1.5) at x = 0.3). A backward wrong by 2%, by its sign, or
/// missing a term fails — GradientCheckTests confirms such deliberately broken ops are caught.</para>
/// <para>Inputs must sit farther than h from kinks (ReLU/Abs at 0, ties of Max), or the difference straddles the kink.</para>
/// </remarks>
public static class GradientCheck
{
    /// <summary>Checks the gradients of a single-output function; throws <see cref="GradientCheckException"/> on mismatch.</summary>
    /// <param name="f">The function; it must be deterministic and must not capture the inputs' gradients.</param>
    /// <param name="inputs">The inputs; those with RequiresGrad are checked.</param>
    /// <param name="options">Step, tolerances and seed; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <returns>What was measured.</returns>
    public static GradientCheckResult Assert(Func<Tensor[], Tensor> f, Tensor[] inputs, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Assert(x => [f(x)], inputs, options);
    }

    /// <summary>Checks the gradients of a function with several outputs (each gets its own random upstream gradient).</summary>
    /// <param name="f">The function; it must be deterministic.</param>
    /// <param name="inputs">The inputs; those with RequiresGrad are checked.</param>
    /// <param name="options">Step, tolerances and seed; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <returns>What was measured.</returns>
    public static GradientCheckResult Assert(Func<Tensor[], Tensor[]> f, Tensor[] inputs, GradientCheckOptions? options = null)
        => Assert(f, inputs, [], options);

    /// <summary>
    /// Checks a function of <paramref name="inputs"/> that also reads <paramref name="parameters"/> (a module's
    /// weights) directly: the inputs are cloned, the parameters are checked in place — their gradients are cleared
    /// first, and each perturbed value is restored.
    /// </summary>
    /// <param name="f">The function; it receives the cloned inputs.</param>
    /// <param name="inputs">The inputs; those with RequiresGrad are checked.</param>
    /// <param name="parameters">Leaves that <paramref name="f"/> uses without receiving them, e.g. <c>module.Parameters()</c>.</param>
    /// <param name="options">Step, tolerances and seed; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <returns>What was measured.</returns>
    public static GradientCheckResult Assert(Func<Tensor[], Tensor[]> f, Tensor[] inputs, IEnumerable<Tensor> parameters, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= GradientCheckOptions.Default;
        var random = new RandomGenerator(options.Seed);

        Tensor[] clones = [.. inputs.Select(x => { Tensor c = x.Clone(); c.RequiresGrad = x.RequiresGrad; return c; })];
        Tensor[] leaves = [.. clones, .. parameters];
        foreach (Tensor parameter in leaves.Skip(clones.Length))
        {
            parameter.ZeroGrad();
        }
        if (!leaves.Any(x => x.RequiresGrad))
        {
            throw new ArgumentException("inputs: expected at least one tensor with RequiresGrad set, got none.", nameof(inputs));
        }
        Func<Tensor[], Tensor[]> run = _ => f(clones);

        // Analytic: one backward per output with its own upstream gradient w_j.
        Tensor[] outputs = run(leaves);
        var weights = new Tensor[outputs.Length];
        for (int j = 0; j < outputs.Length; j++)
        {
            weights[j] = Tensor.Uniform(random, -1f, 1f, outputs[j].Shape.ToArray());
            if (outputs[j].RequiresGrad)
            {
                outputs[j].Backward(weights[j]);
            }
        }
        float[][] w = [.. weights.Select(t => t.ToArray())];

        var failures = new StringBuilder();
        int failureCount = 0, checkedCount = 0;
        double maxError = 0, maxRatio = 0;
        for (int i = 0; i < leaves.Length; i++)
        {
            Tensor leaf = leaves[i];
            if (!leaf.RequiresGrad)
            {
                continue;
            }
            float[] analytic = leaf.Grad?.ToArray() ?? new float[leaf.Count];
            if (leaf.Grad is not null && !leaf.Grad.Shape.SequenceEqual(leaf.Shape))
            {
                throw new GradientCheckException($"input {i}: gradient shape {ShapeText.Format(leaf.Grad.Shape)} differs from input shape {ShapeText.Format(leaf.Shape)}.");
            }
            Span<float> values = leaf.Storage.AsSpan(leaf.Offset, leaf.Count);
            foreach (int e in ElementsToCheck(leaf.Count, options.MaxElementsPerInput, random))
            {
                float original = values[e];
                double h = options.Epsilon * Math.Max(1.0, Math.Abs(original));
                float plus = (float)(original + h), minus = (float)(original - h);
                values[e] = plus;
                double lossPlus = Loss(run, leaves, w);
                values[e] = minus;
                double lossMinus = Loss(run, leaves, w);
                values[e] = original;

                double numeric = (lossPlus - lossMinus) / ((double)plus - minus);
                double error = Math.Abs(analytic[e] - numeric);
                double tolerance = options.AbsoluteTolerance + options.RelativeTolerance * Math.Abs(numeric);
                checkedCount++;
                if (!(error <= tolerance))
                {
                    if (++failureCount <= 10)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture,
                            $"  input {i} {ShapeText.Format(leaf.Shape)} element [{string.Join(", ", Unravel(e, leaf.Shape))}] = {original:G6}: analytic {analytic[e]:G6}, numeric {numeric:G6}, |diff| {error:G3} > tolerance {tolerance:G3}");
                    }
                    continue;
                }
                maxError = Math.Max(maxError, error);
                maxRatio = Math.Max(maxRatio, error / tolerance);
            }
        }
        if (failureCount > 0)
        {
            throw new GradientCheckException(
                $"Gradient check failed for {failureCount} of {checkedCount} elements (h = {options.Epsilon}·max(1, |x|), tolerance {options.AbsoluteTolerance} + {options.RelativeTolerance}·|numeric|):{Environment.NewLine}{failures}");
        }
        return new GradientCheckResult(checkedCount, maxError, maxRatio);
    }

    /// <summary>L = Σ_j Σ w_j ⊙ f(x)_j in double, without recording a graph.</summary>
    private static double Loss(Func<Tensor[], Tensor[]> f, Tensor[] inputs, float[][] w)
    {
        using var scope = GradMode.NoGrad();
        Tensor[] outputs = f(inputs);
        double loss = 0;
        for (int j = 0; j < outputs.Length; j++)
        {
            float[] y = outputs[j].ToArray();
            for (int e = 0; e < y.Length; e++)
            {
                loss += (double)w[j][e] * y[e];
            }
        }
        return loss;
    }

    private static IEnumerable<int> ElementsToCheck(int count, int max, RandomGenerator random)
    {
        if (count <= max)
        {
            return Enumerable.Range(0, count);
        }
        int[] all = [.. Enumerable.Range(0, count)];
        random.Shuffle(all.AsSpan());
        return all.Take(max).Order();
    }

    private static int[] Unravel(int flat, ReadOnlySpan<int> shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
