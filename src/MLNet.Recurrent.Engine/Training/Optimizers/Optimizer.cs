using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Training;

/// <summary>
/// Base of the optimizers (<see cref="Sgd"/>, <see cref="Adam"/>, <see cref="AdamW"/>, <see cref="RmsProp"/>): it
/// holds the parameters, the learning rate and the per-parameter state, and applies the update of the derived class
/// in place, following PyTorch 1.13's single-tensor (<c>foreach=False</c>) implementations operation by operation.
/// </summary>
/// <remarks>
/// <para>A training step is <c>optimizer.ZeroGrad(); loss.Backward(); optimizer.Step();</c>. A parameter whose
/// <see cref="Tensor.Grad"/> is null is skipped, as PyTorch does: its state neither starts nor advances, so its own
/// step count (used by the bias corrections of Adam) can lag behind <see cref="StepCount"/>. State buffers are
/// created, as zeros, at a parameter's first update.</para>
/// <para>Precision: parameters, gradients and state are float32, and each tensor operation of PyTorch's update
/// (<c>mul_</c>, <c>add_(alpha)</c>, <c>addcmul_</c>, <c>addcdiv_</c>, <c>sqrt</c>, ...) is done here in the same order
/// with the same roundings as PyTorch's AVX2 CPU kernels: <c>add_(x, alpha=a)</c> is the fused <c>fma(a, x, self)</c>,
/// <c>addcmul_(x, y, value=c)</c> is <c>fma(c·x, y, self)</c>, <c>addcdiv_(x, y, value=c)</c> is
/// <c>self + (c·x)/y</c>. Scalar coefficients (1 − β, bias corrections, step sizes) are computed in double from the
/// hyper-parameters' decimal values, as Python does, and rounded to float where PyTorch rounds them. On the parity
/// fixtures the results are bit-identical to PyTorch 1.13's. Updates are element-wise over spans through
/// <c>TensorPrimitives</c>, with scratch buffers allocated once, so a step allocates nothing.</para>
/// <para>Checkpoints: <see cref="StateDict"/> and <see cref="LoadStateDict"/> save and restore the learning rate, the
/// step counts and every buffer exactly, so a resumed run continues bit for bit.</para>
/// </remarks>
public abstract partial class Optimizer
{
    private readonly Tensor[] _parameters;
    private readonly ParameterState?[] _states;
    private readonly string[] _bufferNames;
    private readonly int _largestCount;
    private float[]? _scratchA;
    private float[]? _scratchB;
    private double _learningRate;

    private protected Optimizer(IEnumerable<Tensor> parameters, float learningRate, string[] bufferNames)
    {
        ThrowHelper.ThrowIfNull(parameters, nameof(parameters));
        _parameters = ValidateParameters(parameters);
        _states = new ParameterState?[_parameters.Length];
        _bufferNames = bufferNames;
        _largestCount = _parameters.Max(p => p.Count);
        HyperParameter.RequireNonNegative(learningRate, nameof(learningRate));
        _learningRate = HyperParameter.Widen(learningRate);
    }

    /// <summary>The parameters this optimizer updates, in the order given (state entries are numbered by it).</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>
    /// The learning rate γ used by the next <see cref="Step"/>; schedules (<see cref="LearningRateSchedule"/>) set it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, infinite or NaN value.</exception>
    public float LearningRate
    {
        get => (float)_learningRate;
        set
        {
            HyperParameter.RequireNonNegative(value, nameof(LearningRate));
            _learningRate = HyperParameter.Widen(value);
        }
    }

    /// <summary>
    /// The learning rate as the double that coefficient arithmetic uses. Schedules compute learning rates in double, as
    /// PyTorch does, and hand them over here without a round trip through float.
    /// </summary>
    internal double LearningRateValue
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                ThrowHelper.OutOfRange(nameof(LearningRate), value, "a finite value ≥ 0");
            }
            _learningRate = value;
        }
    }

    /// <summary>The number of <see cref="Step"/> calls so far (restored by <see cref="LoadStateDict"/>).</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// Updates every parameter that has a gradient, in place, by the rule of the derived optimizer; parameters whose
    /// <see cref="Tensor.Grad"/> is null are skipped. Not recorded by autograd.
    /// </summary>
    /// <exception cref="TensorShapeException">A gradient's shape differs from its parameter's (checked for every
    /// parameter before any is changed).</exception>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            Tensor? grad = _parameters[i].Grad;
            if (grad is not null && !grad.Shape.SequenceEqual(_parameters[i].Shape))
            {
                ThrowHelper.Shape($"parameters[{i}].Grad", ShapeText.Format(_parameters[i].Shape), grad.Shape);
            }
        }
        StepCount++;
        for (int i = 0; i < _parameters.Length; i++)
        {
            Tensor parameter = _parameters[i];
            if (parameter.Grad is not { } grad)
            {
                continue;
            }
            ParameterState state = _states[i] ??= new ParameterState(_bufferNames.Length, parameter.Count);
            state.Step++;
            Update(parameter.Span, grad.ContiguousValues(), state.Buffers, state.Step);
        }
    }

    /// <summary>Clears the gradient of every parameter, as PyTorch's <c>Optimizer.zero_grad(set_to_none)</c>.</summary>
    /// <param name="setToNone">When true (the default, PyTorch 2's), <see cref="Tensor.Grad"/> becomes null (and a parameter
    /// the next backward does not reach is skipped by <see cref="Step"/>). When false (PyTorch 1.13's default), existing
    /// gradients are zeroed in place and the next backward adds into them, so a training step allocates no gradient
    /// tensors; a parameter the next backward does not reach then takes a step with a zero gradient.</param>
    public void ZeroGrad(bool setToNone = true) => Module.ZeroGrad(_parameters, setToNone);

    /// <summary>
    /// Applies one update to one parameter.
    /// </summary>
    /// <param name="parameter">The parameter's elements, updated in place.</param>
    /// <param name="gradient">Its gradient, same length.</param>
    /// <param name="buffers">Its state buffers, one per name given to the constructor, same length; zeros before the first update.</param>
    /// <param name="step">How many updates this parameter has received, this one included (1 on the first).</param>
    private protected abstract void Update(Span<float> parameter, ReadOnlySpan<float> gradient, float[][] buffers, long step);

    /// <summary>The hyper-parameters other than the learning rate, by their PyTorch names, as stored in <see cref="StateDict"/>.</summary>
    private protected abstract IEnumerable<KeyValuePair<string, string>> Settings();

    /// <summary>A first scratch buffer of <paramref name="length"/> elements (allocated once, at the largest parameter's size).</summary>
    private protected Span<float> ScratchA(int length) => (_scratchA ??= new float[_largestCount]).AsSpan(0, length);

    /// <summary>A second scratch buffer, distinct from <see cref="ScratchA"/>.</summary>
    private protected Span<float> ScratchB(int length) => (_scratchB ??= new float[_largestCount]).AsSpan(0, length);

    private static Tensor[] ValidateParameters(IEnumerable<Tensor> parameters)
    {
        Tensor[] list = parameters.ToArray();
        if (list.Length == 0)
        {
            ThrowHelper.Argument(nameof(parameters), "expected at least one tensor, got none.");
        }
        var seen = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < list.Length; i++)
        {
            Tensor? p = list[i];
            if (p is null)
            {
                ThrowHelper.Argument(nameof(parameters), $"expected tensors, got null at index {i}.");
            }
            if (!p.IsLeaf)
            {
                ThrowHelper.Argument(nameof(parameters), $"expected leaf tensors, got one produced by an operation at index {i}; optimize the leaves it is computed from.");
            }
            if (!p.RequiresGrad)
            {
                ThrowHelper.Argument(nameof(parameters), $"expected tensors that require grad, got one that does not at index {i}; set RequiresGrad (module parameters have it).");
            }
            if (!p.IsContiguous)
            {
                ThrowHelper.Argument(nameof(parameters), $"expected contiguous tensors, got a non-contiguous view of shape {ShapeText.Format(p.Shape)} at index {i}.");
            }
            if (!seen.TryAdd(p, i))
            {
                ThrowHelper.Argument(nameof(parameters), $"expected each tensor once, got index {i} repeating index {seen[p]}.");
            }
        }
        return list;
    }

    /// <summary>What one parameter carries between steps.</summary>
    private sealed class ParameterState
    {
        public ParameterState(int bufferCount, int length)
        {
            Buffers = new float[bufferCount][];
            for (int b = 0; b < bufferCount; b++)
            {
                Buffers[b] = new float[length];
            }
        }

        public ParameterState(long step, float[][] buffers)
        {
            Step = step;
            Buffers = buffers;
        }

        /// <summary>Updates received (PyTorch's <c>state['step']</c>).</summary>
        public long Step { get; set; }

        /// <summary>The named buffers, in the order of the optimizer's buffer names.</summary>
        public float[][] Buffers { get; }
    }
}
