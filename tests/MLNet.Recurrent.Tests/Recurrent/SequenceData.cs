using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.Recurrent;

/// <summary>Synthetic sequence data sets for the recurrent estimator tests, and helpers that read columns back.</summary>
internal static class SequenceData
{
    /// <summary>A variable-length key-sequence column type over <paramref name="vocabulary"/> keys.</summary>
    public static VectorDataViewType Keys(int vocabulary) => new(new KeyDataViewType(typeof(uint), (ulong)vocabulary));

    /// <summary>Random token sequences (keys 1…vocabulary) of lengths in [minLength, maxLength].</summary>
    public static uint[][] RandomTokens(Random random, int count, int vocabulary, int minLength, int maxLength)
        => [.. Enumerable.Range(0, count).Select(_ =>
            Enumerable.Range(0, random.Next(minLength, maxLength + 1)).Select(_ => (uint)random.Next(1, vocabulary + 1)).ToArray())];

    /// <summary>The key sequences as VBuffers.</summary>
    public static VBuffer<uint>[] ToKeyColumn(uint[][] sequences) => [.. sequences.Select(s => new VBuffer<uint>(s.Length, s))];

    /// <summary>Float rows as VBuffers.</summary>
    public static VBuffer<float>[] ToFloatColumn(float[][] rows) => [.. rows.Select(s => new VBuffer<float>(s.Length, s))];

    /// <summary>Token sequences with a Boolean label: does the sequence contain <paramref name="marker"/>?</summary>
    public static InMemoryDataView ContainsToken(int seed, int count, int vocabulary = 10, uint marker = 7)
    {
        var tokens = RandomTokens(new Random(seed), count, vocabulary, 4, 12);
        bool[] labels = [.. tokens.Select(t => t.Contains(marker))];
        return new InMemoryDataView(
        [
            ("Features", Keys(vocabulary), ToKeyColumn(tokens), null),
            ("Label", BooleanDataViewType.Instance, labels, null),
            ("Id", NumberDataViewType.Int32, Enumerable.Range(0, count).ToArray(), null),
        ]);
    }

    /// <summary>Token sequences whose class (a key 1…classes with key values "c0"…) is the first token's key when that is ≤ classes.</summary>
    public static InMemoryDataView FirstTokenClass(int seed, int count, int classes = 4, int vocabulary = 10)
    {
        var random = new Random(seed);
        var tokens = RandomTokens(random, count, vocabulary, 3, 10);
        foreach (var sequence in tokens)
        {
            sequence[0] = (uint)random.Next(1, classes + 1);
        }

        uint[] labels = [.. tokens.Select(t => t[0])];
        return new InMemoryDataView(
        [
            ("Features", Keys(vocabulary), ToKeyColumn(tokens), null),
            ("Label", new KeyDataViewType(typeof(uint), (ulong)classes), labels,
                Annotations.ForKeyValues([.. Enumerable.Range(0, classes).Select(c => $"c{c}")])),
        ]);
    }

    /// <summary>Sequences of 2-feature steps (variable length, L·2 values) labelled by whether feature 0's mean is positive.</summary>
    public static InMemoryDataView MeanSign(int seed, int count)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        var labels = new bool[count];
        for (int i = 0; i < count; i++)
        {
            int length = random.Next(3, 9);
            rows[i] = new float[length * 2];
            for (int t = 0; t < length; t++)
            {
                rows[i][2 * t] = (float)(random.NextDouble() * 2 - 1);
                rows[i][2 * t + 1] = (float)random.NextDouble();
            }

            labels[i] = Enumerable.Range(0, length).Average(t => rows[i][2 * t]) > 0;
        }

        return new InMemoryDataView(
        [
            ("Features", new VectorDataViewType(NumberDataViewType.Single), ToFloatColumn(rows), null),
            ("Label", BooleanDataViewType.Instance, labels, null),
        ]);
    }

    /// <summary>Sequences of values in [0, 1) (one feature per step, variable length) labelled by their sum.</summary>
    public static InMemoryDataView Sums(int seed, int count)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        for (int i = 0; i < count; i++)
        {
            rows[i] = [.. Enumerable.Range(0, random.Next(2, 11)).Select(_ => (float)random.NextDouble())];
        }

        return new InMemoryDataView(
        [
            ("Features", new VectorDataViewType(NumberDataViewType.Single), ToFloatColumn(rows), null),
            ("Label", NumberDataViewType.Single, rows.Select(r => r.Sum()).ToArray(), null),
        ]);
    }

    /// <summary>
    /// Windows of a noisy two-tone series x_t = sin(0.25 t) + 0.4 sin(0.9 t + 1) + ε, ε ~ U(±0.05): "Window"
    /// Vector&lt;Single&gt;[window, 1] and the next <paramref name="horizon"/> values "Horizon" Vector&lt;Single&gt;[horizon].
    /// With <paramref name="trend"/> the series rises by that much per step; <paramref name="start"/> fixes the first t.
    /// </summary>
    public static InMemoryDataView SineWindows(int seed, int count, int window = 16, int horizon = 4, float trend = 0, int? start = null)
    {
        var random = new Random(seed);
        int length = count + window + horizon;
        int first = start ?? random.Next(0, 1000);
        float[] series = [.. Enumerable.Range(first, length).Select(t => (float)(trend * t + Math.Sin(0.25 * t) + 0.4 * Math.Sin(0.9 * t + 1) + (random.NextDouble() - 0.5) * 0.1))];
        var windows = new VBuffer<float>[count];
        var horizons = new VBuffer<float>[count];
        for (int i = 0; i < count; i++)
        {
            windows[i] = new VBuffer<float>(window, series[i..(i + window)]);
            horizons[i] = new VBuffer<float>(horizon, series[(i + window)..(i + window + horizon)]);
        }

        return new InMemoryDataView(
        [
            ("Window", new VectorDataViewType(NumberDataViewType.Single, window, 1), windows, null),
            ("Horizon", new VectorDataViewType(NumberDataViewType.Single, horizon), horizons, null),
        ]);
    }

    /// <summary>
    /// Token sequences (keys 1…vocabulary) tagged with the previous token: tag key 1 ("start") at the first step, then
    /// key k + 1 for a previous token k; tag key values "start", "t1", ….
    /// </summary>
    public static InMemoryDataView PreviousToken(int seed, int count, int vocabulary = 6)
    {
        var tokens = RandomTokens(new Random(seed), count, vocabulary, 3, 10);
        var tags = tokens.Select(s => s.Select((_, t) => t == 0 ? 1u : s[t - 1] + 1).ToArray()).ToArray();
        return new InMemoryDataView(
        [
            ("Features", Keys(vocabulary), ToKeyColumn(tokens), null),
            ("Label", Keys(vocabulary + 1), ToKeyColumn(tags),
                Annotations.ForKeyValues(["start", .. Enumerable.Range(1, vocabulary).Select(k => $"t{k}")])),
        ]);
    }

    /// <summary>Token sequences (keys 1…vocabulary, lengths 3–6) and their reversal as the target (key values "a", "b", …).</summary>
    public static InMemoryDataView Reversal(int seed, int count, int vocabulary = 6)
    {
        var tokens = RandomTokens(new Random(seed), count, vocabulary, 3, 6);
        var names = Annotations.ForKeyValues([.. Enumerable.Range(0, vocabulary).Select(k => ((char)('a' + k)).ToString())]);
        return new InMemoryDataView(
        [
            ("Features", Keys(vocabulary), ToKeyColumn(tokens), names),
            ("Label", Keys(vocabulary), ToKeyColumn([.. tokens.Select(t => t.Reverse().ToArray())]), names),
        ]);
    }

    /// <summary>Reads a column of every row.</summary>
    public static List<T> Read<T>(IDataView view, string column)
    {
        var col = view.Schema[column];
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<T>(col);
        var values = new List<T>();
        while (cursor.MoveNext())
        {
            T value = default!;
            getter(ref value);
            values.Add(value);
        }

        return values;
    }

    /// <summary>The fraction of positions where the two lists agree.</summary>
    public static double Agreement<T>(IReadOnlyList<T> predicted, IReadOnlyList<T> expected)
        => predicted.Zip(expected).Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second)) / (double)expected.Count;
}
