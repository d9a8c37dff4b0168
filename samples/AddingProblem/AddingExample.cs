using MLNet.Recurrent.Engine.Tensors;

namespace MLNet.Recurrent.Samples.AddingProblem;

/// <summary>
/// One sequence of Hochreiter &amp; Schmidhuber's adding problem: T pairs (value, marker) with value ~ U(0, 1) and
/// exactly two markers set; the target is the sum of the two marked values.
/// </summary>
/// <remarks>
/// Convention (as Le et al. 2015 and Arjovsky et al. 2016): the first marker sits at a uniform position in the first
/// half [0, ⌊T/2⌋), the second at a uniform position in the second half [⌊T/2⌋, T). The target's mean is 1 and its
/// variance 1/6, so always predicting 1 scores MSE ≈ 0.167 (<see cref="TrivialMse"/>).
/// </remarks>
/// <param name="Values">T values in [0, 1).</param>
/// <param name="First">The first marked position, in [0, ⌊T/2⌋).</param>
/// <param name="Second">The second marked position, in [⌊T/2⌋, T).</param>
public sealed record AddingExample(float[] Values, int First, int Second)
{
    /// <summary>The MSE of the best constant prediction (1): the variance of a sum of two U(0, 1) values, 1/6.</summary>
    public const double TrivialMse = 1.0 / 6.0;

    /// <summary>T: the sequence length.</summary>
    public int Length => Values.Length;

    /// <summary>The sum of the two marked values.</summary>
    public float Target => Values[First] + Values[Second];

    /// <summary>Draws one example.</summary>
    /// <param name="length">T ≥ 2.</param>
    /// <param name="random">The generator.</param>
    /// <returns>The example.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 2.</exception>
    public static AddingExample Draw(int length, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (length < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"length: expected T ≥ 2 (one marker per half), got {length}.");
        }
        var values = new float[length];
        for (int t = 0; t < length; t++)
        {
            values[t] = random.NextSingle();
        }
        int half = length / 2;
        return new AddingExample(values, random.NextInt(half), half + random.NextInt(length - half));
    }

    /// <summary>Draws a seeded set of examples.</summary>
    /// <param name="count">How many.</param>
    /// <param name="length">T ≥ 2.</param>
    /// <param name="seed">The seed; the same seed gives the same set.</param>
    /// <returns><paramref name="count"/> examples.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or <paramref name="length"/> is below 2.</exception>
    public static AddingExample[] DrawMany(int count, int length, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new RandomGenerator(seed);
        var examples = new AddingExample[count];
        for (int i = 0; i < count; i++)
        {
            examples[i] = Draw(length, random);
        }
        return examples;
    }

    /// <summary>
    /// Stacks a batch into the time-major input (L = T, N, 2) — feature 0 the value, feature 1 the marker — and the
    /// targets (N, 1). All examples must have the same length.
    /// </summary>
    /// <param name="batch">N ≥ 1 examples of one length T.</param>
    /// <returns>The input and target tensors.</returns>
    /// <exception cref="ArgumentException">The batch is empty or its examples differ in length.</exception>
    public static (Tensor Input, Tensor Target) Collate(IReadOnlyList<AddingExample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            throw new ArgumentException("batch: expected at least one example, got none.", nameof(batch));
        }
        int n = batch.Count, steps = batch[0].Length;
        var input = new float[steps * n * 2];
        var target = new float[n];
        for (int b = 0; b < n; b++)
        {
            AddingExample example = batch[b];
            if (example.Length != steps)
            {
                throw new ArgumentException($"batch: expected every example to have length {steps}, got {example.Length} at index {b}.", nameof(batch));
            }
            for (int t = 0; t < steps; t++)
            {
                input[(t * n + b) * 2] = example.Values[t];
            }
            input[(example.First * n + b) * 2 + 1] = 1f;
            input[(example.Second * n + b) * 2 + 1] = 1f;
            target[b] = example.Target;
        }
        return (Tensor.FromArray(input, steps, n, 2), Tensor.FromArray(target, n, 1));
    }
}
