using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Tests.Evaluation;

/// <summary>Builds small in-memory scored data views for the evaluation tests.</summary>
internal static class EvaluationData
{
    /// <summary>A view from (name, type, values) columns.</summary>
    /// <param name="columns">The columns.</param>
    /// <returns>The view.</returns>
    public static InMemoryDataView View(params (string Name, DataViewType Type, Array Values)[] columns)
        => new(columns.Select(c => (c.Name, c.Type, c.Values, (Annotations?)null)).ToArray());

    /// <summary>A binary scored view: Label, Score, Probability = σ(Score) unless given, PredictedLabel = Score &gt; 0 unless given.</summary>
    /// <param name="labels">Label column.</param>
    /// <param name="scores">Score column.</param>
    /// <param name="probabilities">Probability column, or null for σ(score).</param>
    /// <param name="predicted">PredictedLabel column, or null for score &gt; 0.</param>
    /// <returns>The view.</returns>
    public static InMemoryDataView Binary(bool[] labels, float[] scores, float[]? probabilities = null, bool[]? predicted = null)
        => View(
            ("Label", BooleanDataViewType.Instance, labels),
            ("Score", NumberDataViewType.Single, scores),
            ("Probability", NumberDataViewType.Single, probabilities ?? scores.Select(s => (float)(1 / (1 + Math.Exp(-s)))).ToArray()),
            ("PredictedLabel", BooleanDataViewType.Instance, predicted ?? scores.Select(s => s > 0).ToArray()));

    /// <summary>A multiclass scored view: Label (key, 0-based class + 1; −1 = missing), Score (vector), PredictedLabel (key of the arg-max).</summary>
    /// <param name="classes">The number of classes.</param>
    /// <param name="labels">0-based classes (−1 for a missing label).</param>
    /// <param name="scores">One score vector per row.</param>
    /// <param name="classNames">Key values of the label, or null.</param>
    /// <returns>The view.</returns>
    public static InMemoryDataView Multiclass(int classes, int[] labels, float[][] scores, string[]? classNames = null)
    {
        var keyType = new KeyDataViewType(typeof(uint), (ulong)classes);
        var annotations = classNames is null ? null : Annotations.ForKeyValues(classNames);
        return new InMemoryDataView([
            ("Label", keyType, labels.Select(l => (uint)(l + 1)).ToArray(), annotations),
            ("Score", new VectorDataViewType(NumberDataViewType.Single, classes), scores.Select(s => new VBuffer<float>(s.Length, s)).ToArray(), null),
            ("PredictedLabel", keyType, scores.Select(s => (uint)(Array.IndexOf(s, s.Max()) + 1)).ToArray(), annotations),
        ]);
    }

    /// <summary>A column of variable-length key vectors from 0-based items (−1 → key 0).</summary>
    /// <param name="sequences">The items of each row.</param>
    /// <returns>The column values.</returns>
    public static VBuffer<uint>[] KeySequences(IEnumerable<int[]> sequences)
        => sequences.Select(s => new VBuffer<uint>(s.Length, s.Select(i => (uint)(i + 1)).ToArray())).ToArray();

    /// <summary>Reads every value of a column of raw type <typeparamref name="T"/> with one cursor.</summary>
    /// <typeparam name="T">The column's raw type (a scalar).</typeparam>
    /// <param name="data">The view.</param>
    /// <param name="column">The column's name.</param>
    /// <param name="rand">Optional shuffling generator for the cursor.</param>
    /// <returns>The values in cursor order.</returns>
    public static List<T> Read<T>(IDataView data, string column, Random? rand = null)
    {
        var col = data.Schema[column];
        var values = new List<T>();
        using var cursor = data.GetRowCursor([col], rand);
        var getter = cursor.GetGetter<T>(col);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return values;
    }

    /// <summary>A column of float vectors.</summary>
    /// <param name="rows">The values of each row.</param>
    /// <returns>The column values.</returns>
    public static VBuffer<float>[] Vectors(IEnumerable<float[]> rows) => rows.Select(r => new VBuffer<float>(r.Length, r)).ToArray();
}
