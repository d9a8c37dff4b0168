using MLNet.Recurrent.Engine.Errors;
using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Engine.Nn;

/// <summary>
/// Base of every layer: named parameters (leaf tensors that require grad), named child modules, and a
/// training/evaluation mode. Names follow PyTorch's <c>state_dict</c> convention (<c>child.weight</c>), so
/// weights move between the two through safetensors.
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];
    private readonly List<KeyValuePair<string, RandomGenerator>> _generators = [];

    /// <summary>True in training mode (dropout active), false in evaluation mode. New modules train.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Registers a parameter under <paramref name="name"/>; it becomes a leaf that requires grad.</summary>
    /// <param name="name">The PyTorch-style name.</param>
    /// <param name="parameter">The tensor.</param>
    /// <returns>The same tensor, for assignment to a field.</returns>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        parameter.RequiresGrad = true;
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a child module; its parameters appear as <c>name.parameter</c>.</summary>
    /// <typeparam name="TModule">The child's type.</typeparam>
    /// <param name="name">The child's name.</param>
    /// <param name="module">The child.</param>
    /// <returns>The same module, for assignment to a field.</returns>
    protected TModule RegisterModule<TModule>(string name, TModule module)
        where TModule : Module
    {
        _children.Add(new(name, module));
        return module;
    }

    /// <summary>Registers a random generator the module draws from while running (e.g. for dropout masks), so checkpoints can save and restore its state.</summary>
    /// <param name="name">A name unique within this module.</param>
    /// <param name="generator">The generator.</param>
    protected void RegisterGenerator(string name, RandomGenerator generator) => _generators.Add(new(name, generator));

    /// <summary>The random generators of this module and its children (<c>child.name</c>), for checkpointing. A generator shared by several modules appears once per module.</summary>
    /// <returns>(name, generator) pairs.</returns>
    public IEnumerable<KeyValuePair<string, RandomGenerator>> NamedGenerators()
    {
        foreach (var generator in _generators)
        {
            yield return generator;
        }
        foreach (var child in _children)
        {
            foreach (var generator in child.Value.NamedGenerators())
            {
                yield return new(child.Key + "." + generator.Key, generator.Value);
            }
        }
    }

    /// <summary>This module and all its descendants with their dotted names ("" for this module), depth first.</summary>
    /// <returns>(name, module) pairs.</returns>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        yield return new("", this);
        foreach (var child in _children)
        {
            foreach (var descendant in child.Value.NamedModules())
            {
                yield return new(descendant.Key.Length == 0 ? child.Key : child.Key + "." + descendant.Key, descendant.Value);
            }
        }
    }

    /// <summary>All parameters of this module and its children, with their PyTorch names, in registration order.</summary>
    /// <returns>(name, tensor) pairs.</returns>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters()
    {
        foreach (var parameter in _parameters)
        {
            yield return parameter;
        }
        foreach (var child in _children)
        {
            foreach (var parameter in child.Value.NamedParameters())
            {
                yield return new(child.Key + "." + parameter.Key, parameter.Value);
            }
        }
    }

    /// <summary>All parameters, in registration order.</summary>
    /// <returns>The parameter tensors.</returns>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>The total number of scalar parameters.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Count);

    /// <summary>Switches this module and its children to training (<paramref name="training"/> true) or evaluation mode.</summary>
    /// <param name="training">The mode.</param>
    /// <returns>This module.</returns>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var child in _children)
        {
            child.Value.Train(training);
        }
        return this;
    }

    /// <summary>Switches to evaluation mode (dropout off); same as <c>Train(false)</c>.</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter, as PyTorch's <c>Module.zero_grad(set_to_none)</c>.</summary>
    /// <param name="setToNone">When true (the default, PyTorch 2's), <see cref="Tensor.Grad"/> becomes null and the next
    /// backward allocates a new gradient. When false (PyTorch 1.13's default), each existing gradient is filled with
    /// zeros in place and the next backward adds into it: training steps then allocate no gradient tensors, but a
    /// reference to a gradient taken before sees the later values, and <c>Optimizer.Step</c> updates (rather than
    /// skips) parameters that the next backward does not reach.</param>
    public void ZeroGrad(bool setToNone = true) => ZeroGrad(Parameters(), setToNone);

    /// <summary>The clearing behind <see cref="ZeroGrad(bool)"/>, shared with the optimizers' <c>ZeroGrad</c>.</summary>
    internal static void ZeroGrad(IEnumerable<Tensor> parameters, bool setToNone)
    {
        foreach (Tensor parameter in parameters)
        {
            if (!setToNone && parameter.Grad is { IsContiguous: true } gradient)
            {
                gradient.Span.Clear();
            }
            else
            {
                parameter.ZeroGrad();
            }
        }
    }

    /// <summary>A copy of every parameter under its PyTorch name (the module's <c>state_dict</c>).</summary>
    /// <returns>A new dictionary of detached copies.</returns>
    public Dictionary<string, Tensor> StateDict()
        => NamedParameters().ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);

    /// <summary>
    /// Copies values into the parameters from a state dictionary keyed by PyTorch names. Nothing is changed
    /// unless every check passes.
    /// </summary>
    /// <param name="state">The tensors to load.</param>
    /// <param name="strict">When true (the default), a name in <paramref name="state"/> that the module lacks is an error.</param>
    /// <exception cref="StateDictException">A parameter is missing, a name is unexpected (strict), or a value is NaN or infinite.</exception>
    /// <exception cref="TensorShapeException">A tensor's shape differs from the parameter's.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var parameters = NamedParameters().ToList();
        var known = new HashSet<string>(parameters.Select(p => p.Key), StringComparer.Ordinal);
        if (strict)
        {
            foreach (string name in state.Keys)
            {
                if (!known.Contains(name))
                {
                    throw new StateDictException(name, $"unexpected name; {GetType().Name} has parameters [{string.Join(", ", known)}].");
                }
            }
        }
        foreach (var (name, parameter) in parameters)
        {
            if (!state.TryGetValue(name, out Tensor? value))
            {
                throw new StateDictException(name, $"missing; expected a tensor of shape {ShapeText.Format(parameter.Shape)}.");
            }
            if (!value.Shape.SequenceEqual(parameter.Shape))
            {
                throw new TensorShapeException($"state['{name}']", ShapeText.Format(parameter.Shape), ShapeText.Format(value.Shape));
            }
            float[] values = value.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                if (!float.IsFinite(values[i]))
                {
                    throw new StateDictException(name, $"expected finite values, got {values[i]} at flat index {i}.");
                }
            }
        }
        foreach (var (name, parameter) in parameters)
        {
            state[name].CopyTo(parameter.Span);
        }
    }
}
