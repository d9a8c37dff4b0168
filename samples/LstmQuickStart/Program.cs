// LstmQuickStart — the main job of the README: an LSTM learns to continue sine waves, trained by
// backpropagation through time with plain SGD, and prints its loss falling.
//
// Task: each sequence is x_t = sin(ω·t + φ) for t = 0..L−1 with ω and φ drawn per sequence; the model reads the
// sequence and predicts x_L. Model: Lstm(1 → H) then Linear(H → 1) on h_n. Loss: mean squared error.
using System.Diagnostics;
using System.Globalization;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;

int seed = 7, steps = 600, batch = 32, length = 24, hidden = 24;
float learningRate = 0.3f;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--steps": steps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--lr": learningRate = float.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; expected --seed N, --steps N, --lr X");
            return 2;
    }
}

var generator = new RandomGenerator(seed);
var lstm = new Lstm(inputSize: 1, hiddenSize: hidden, generator: generator);
var head = new Linear(hidden, 1, generator: generator);
var parameters = lstm.Parameters().Concat(head.Parameters()).ToList();
Console.WriteLine($"Lstm(1, {hidden}) + Linear({hidden}, 1): {lstm.ParameterCount + head.ParameterCount} parameters; " +
                  $"batches of {batch} sine waves of length {length}; SGD lr={learningRate}");

(Tensor Input, Tensor Target) MakeBatch(RandomGenerator random)
{
    var x = new float[length * batch];
    var y = new float[batch];
    for (int b = 0; b < batch; b++)
    {
        double omega = 0.5 + random.NextDouble(), phase = 2 * Math.PI * random.NextDouble();
        for (int t = 0; t < length; t++)
        {
            x[t * batch + b] = (float)Math.Sin(omega * t + phase);
        }
        y[b] = (float)Math.Sin(omega * length + phase);
    }
    return (Tensor.FromArray(x, length, batch, 1), Tensor.FromArray(y, batch, 1));
}

Tensor Loss(Tensor input, Tensor target)
{
    var result = lstm.Forward(input);
    Tensor prediction = head.Forward(result.HiddenState.Reshape(batch, hidden));
    Tensor error = prediction - target;
    return (error * error).Mean();
}

var evaluationBatch = MakeBatch(new RandomGenerator(seed + 1000));
float EvaluationLoss()
{
    using var _ = GradMode.NoGrad();
    return Loss(evaluationBatch.Input, evaluationBatch.Target).ToScalar();
}

float initial = EvaluationLoss();
Console.WriteLine($"step {0,5}  held-out MSE {initial:F5}");
var clock = Stopwatch.StartNew();
for (int step = 1; step <= steps; step++)
{
    var (input, target) = MakeBatch(generator);
    foreach (Tensor p in parameters)
    {
        p.ZeroGrad();
    }
    Loss(input, target).Backward();
    using (GradMode.NoGrad())
    {
        foreach (Tensor p in parameters)
        {
            p.AddInPlace(p.Grad!, -learningRate);
        }
    }
    if (step % 60 == 0 || step == steps)
    {
        Console.WriteLine($"step {step,5}  held-out MSE {EvaluationLoss():F5}");
    }
}
float final = EvaluationLoss();
Console.WriteLine($"held-out MSE {initial:F5} → {final:F5} ({initial / final:F1}× lower) in {clock.Elapsed.TotalSeconds:F1} s; " +
                  $"predicting 0 scores {MeanSquare(evaluationBatch.Target):F5}");
return final < initial ? 0 : 1;

static float MeanSquare(Tensor t) => t.ToArray().Select(v => v * v).Average();
