using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training;

/// <summary>Optimizers of every kind and configuration, parameters and gradient sequences for the unit tests.</summary>
internal static class OptimizerTestData
{
    /// <summary>The configurations the behavioural tests run over, by name.</summary>
    public static readonly string[] Kinds =
    [
        "sgd", "sgd-momentum-decay", "sgd-nesterov", "sgd-dampening",
        "adam", "adam-amsgrad-decay", "adamw", "adamw-amsgrad",
        "rmsprop", "rmsprop-centered-momentum-decay",
    ];

    public static TheoryData<string> KindData() => new(Kinds);

    public static Optimizer Create(string kind, IEnumerable<Tensor> parameters) => kind switch
    {
        "sgd" => new Sgd(parameters, 0.1f),
        "sgd-momentum-decay" => new Sgd(parameters, 0.05f, momentum: 0.9f, weightDecay: 0.01f),
        "sgd-nesterov" => new Sgd(parameters, 0.05f, momentum: 0.9f, nesterov: true),
        "sgd-dampening" => new Sgd(parameters, 0.05f, momentum: 0.8f, dampening: 0.2f),
        "adam" => new Adam(parameters, 0.01f),
        "adam-amsgrad-decay" => new Adam(parameters, 0.01f, weightDecay: 0.1f, amsgrad: true),
        "adamw" => new AdamW(parameters, 0.01f),
        "adamw-amsgrad" => new AdamW(parameters, 0.01f, weightDecay: 0.05f, amsgrad: true),
        "rmsprop" => new RmsProp(parameters),
        "rmsprop-centered-momentum-decay" => new RmsProp(parameters, 0.01f, weightDecay: 0.1f, momentum: 0.5f, centered: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer configuration"),
    };

    /// <summary>Three parameters (shapes (3, 4), (5,), (2, 3, 7) — 42 elements, not a multiple of a vector) drawn from a seed.</summary>
    public static Tensor[] Parameters(int seed)
    {
        var generator = new RandomGenerator(seed);
        return [Leaf(Tensor.Normal(generator, 0, 1, 3, 4)), Leaf(Tensor.Normal(generator, 0, 1, 5)), Leaf(Tensor.Normal(generator, 0, 1, 2, 3, 7))];
    }

    /// <summary>Fresh leaves holding copies of <paramref name="parameters"/>' values.</summary>
    public static Tensor[] Copies(Tensor[] parameters) => parameters.Select(p => Leaf(p.Clone())).ToArray();

    /// <summary>
    /// Gradients for <paramref name="steps"/> steps; parameter 2 has none at step 0 and parameter 0 none at step 3
    /// (so their state starts late and their step counts lag).
    /// </summary>
    public static Tensor?[][] Gradients(Tensor[] parameters, int steps, int seed)
    {
        var generator = new RandomGenerator(seed);
        var result = new Tensor?[steps][];
        for (int s = 0; s < steps; s++)
        {
            result[s] = parameters.Select(p => (Tensor?)Tensor.Normal(generator, 0, 1, p.ShapeArray)).ToArray();
        }
        result[0][2] = null;
        if (steps > 3)
        {
            result[3][0] = null;
        }
        return result;
    }

    /// <summary>Sets the gradients of step <paramref name="step"/> (copies, so the optimizer may not alias them) and steps.</summary>
    public static void Step(Optimizer optimizer, Tensor[] parameters, Tensor?[] gradients)
    {
        for (int j = 0; j < parameters.Length; j++)
        {
            parameters[j].Grad = gradients[j]?.Clone();
        }
        optimizer.Step();
    }

    private static Tensor Leaf(Tensor tensor)
    {
        tensor.RequiresGrad = true;
        return tensor;
    }
}
