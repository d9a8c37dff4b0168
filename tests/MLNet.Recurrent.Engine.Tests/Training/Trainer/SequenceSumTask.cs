using MLNet.Recurrent.Engine.Nn;
using MLNet.Recurrent.Engine.Tensors;
using MLNet.Recurrent.Engine.Training;

namespace MLNet.Recurrent.Engine.Tests.Training.Trainer;

/// <summary>A small model for trainer tests: an LSTM (with inter-layer dropout) and a linear head on h_n.</summary>
internal sealed class SequenceRegressor : Module
{
    public SequenceRegressor(int hidden, long seed, float dropout = 0f)
    {
        var generator = new RandomGenerator(seed);
        Rnn = RegisterModule("rnn", new Lstm(1, hidden, numLayers: dropout > 0 ? 2 : 1, dropout: dropout, generator: generator));
        Head = RegisterModule("head", new Linear(hidden, 1, generator: generator));
    }

    public Lstm Rnn { get; }

    public Linear Head { get; }
}

/// <summary>Predict the sum of a variable-length sequence of numbers in [−1, 1] (scaled by 1/4).</summary>
internal sealed class SequenceSumTask(SequenceRegressor model) : ISupervisedTask<float[]>, ITruncatedBpttTask<float[]>
{
    public Module Model => model;

    public int Length(float[] example) => example.Length;

    public static List<float[]> MakeData(int count, int minLength, int maxLength, long seed)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var values = new float[minLength + random.NextInt(maxLength - minLength + 1)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = 2 * random.NextSingle() - 1;
            }
            return values;
        })];
    }

    public Tensor Loss(IReadOnlyList<float[]> batch)
    {
        var (input, lengths, target) = Collate(batch);
        RecurrentOutput result = model.Rnn.Forward(input, lengths: lengths);
        Tensor top = result.HiddenState.Select(0, result.HiddenState.Size(0) - 1);
        Tensor error = model.Head.Forward(top) - target;
        return (error * error).Mean();
    }

    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<float[]> batch)
        => new Dictionary<string, double> { ["loss"] = Loss(batch).ToScalar() };

    /// <summary>Truncated BPTT: the loss of a chunk is the error of the running sum predicted at the chunk's last step.</summary>
    public (Tensor Loss, RecurrentState State) ChunkLoss(IReadOnlyList<float[]> batch, int start, int length, RecurrentState? state)
    {
        int n = batch.Count;
        var x = new float[length * n];
        var target = new float[n];
        for (int b = 0; b < n; b++)
        {
            for (int t = 0; t < length; t++)
            {
                x[t * n + b] = batch[b][start + t];
            }
            target[b] = batch[b][..(start + length)].Sum() / 4f;
        }
        RecurrentOutput result = model.Rnn.Forward(Tensor.FromArray(x, length, n, 1), state?.Hidden, state?.Cell);
        Tensor top = result.HiddenState.Select(0, result.HiddenState.Size(0) - 1);
        Tensor error = model.Head.Forward(top) - Tensor.FromArray(target, n, 1);
        return ((error * error).Mean(), new RecurrentState(result.HiddenState, result.CellState));
    }

    private static (Tensor Input, int[] Lengths, Tensor Target) Collate(IReadOnlyList<float[]> batch)
    {
        int n = batch.Count, steps = batch.Max(e => e.Length);
        var x = new float[steps * n];
        var target = new float[n];
        for (int b = 0; b < n; b++)
        {
            for (int t = 0; t < batch[b].Length; t++)
            {
                x[t * n + b] = batch[b][t];
            }
            target[b] = batch[b].Sum() / 4f;
        }
        return (Tensor.FromArray(x, steps, n, 1), [.. batch.Select(e => e.Length)], Tensor.FromArray(target, n, 1));
    }
}
