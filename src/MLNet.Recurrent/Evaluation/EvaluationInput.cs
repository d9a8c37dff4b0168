using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>Schema checks and small readers shared by the evaluation entry points; the data argument is always "data".</summary>
internal static class EvaluationInput
{
    /// <summary>The name of the data argument of every evaluation method.</summary>
    public const string DataParameter = "data";

    /// <summary>Finds <paramref name="columnName"/> in <paramref name="data"/> and checks its type.</summary>
    /// <param name="data">The scored data.</param>
    /// <param name="columnName">The column (validated non-empty).</param>
    /// <param name="argumentName">The argument that named the column.</param>
    /// <param name="expected">The expected type in words.</param>
    /// <param name="accepts">Whether a type is acceptable.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException"><paramref name="columnName"/> is null or empty.</exception>
    /// <exception cref="SchemaMismatchException">The column is missing or has another type.</exception>
    public static DataViewSchema.Column Require(IDataView data, string columnName, string argumentName, string expected, Func<DataViewType, bool> accepts)
    {
        ArgumentException.ThrowIfNullOrEmpty(columnName, argumentName);
        return SchemaMismatchException.Check(DataParameter, data.Schema, columnName, expected, accepts);
    }

    /// <summary>Whether <paramref name="type"/> is Single.</summary>
    /// <param name="type">A column type.</param>
    /// <returns>True for Single.</returns>
    public static bool IsSingle(DataViewType type) => type == NumberDataViewType.Single;

    /// <summary>Whether <paramref name="type"/> is a vector of Single (any length).</summary>
    /// <param name="type">A column type.</param>
    /// <returns>True for Vector&lt;Single&gt;.</returns>
    public static bool IsSingleVector(DataViewType type) => type is VectorDataViewType { ItemType: NumberDataViewType item } && item == NumberDataViewType.Single;

    /// <summary>The number of keys of a key column or of a vector-of-keys column; 0 for other types.</summary>
    /// <param name="type">A column type.</param>
    /// <returns>The key count, or 0.</returns>
    public static int KeyCount(DataViewType type) => type switch
    {
        KeyDataViewType key => (int)Math.Min(key.Count, int.MaxValue),
        VectorDataViewType { ItemType: KeyDataViewType key } => (int)Math.Min(key.Count, int.MaxValue),
        _ => 0,
    };

    /// <summary>The names of classes 0 … <paramref name="count"/> − 1: the key values of <paramref name="column"/> when it has that many, else the indices.</summary>
    /// <param name="column">A key (or key-vector) column.</param>
    /// <param name="count">The number of classes.</param>
    /// <returns>The names.</returns>
    public static string[] ClassNames(DataViewSchema.Column column, int count)
    {
        if (column.Annotations.TryGetValue<VBuffer<ReadOnlyMemory<char>>>(AnnotationKinds.KeyValues, out var values) && values.Length == count)
        {
            return values.DenseValues().Select(v => v.ToString()).ToArray();
        }

        return Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Throws when nothing could be evaluated.</summary>
    /// <param name="count">What was counted (rows, tokens, steps).</param>
    /// <param name="unit">The unit's name, plural ("rows").</param>
    /// <param name="skipped">Rows skipped and why, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="count"/> is 0.</exception>
    public static void ThrowIfEmpty(long count, string unit, string? skipped = null)
    {
        if (count == 0)
        {
            throw new ArgumentException(
                $"{DataParameter}: expected at least one of the {unit} to evaluate, got none{(skipped is null ? "" : $" ({skipped})")}.",
                DataParameter);
        }
    }
}
