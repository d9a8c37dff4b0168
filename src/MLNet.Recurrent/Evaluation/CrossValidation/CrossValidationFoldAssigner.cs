using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Evaluation;

/// <summary>
/// Assigns each row to one of k cross-validation folds by a seeded 64-bit hash: of the row's id (stable under
/// shuffling), or of its value in a sampling key column so that rows sharing a key share a fold. Fold sizes are
/// therefore near n/k rather than exact, and nothing is materialised.
/// </summary>
internal sealed class CrossValidationFoldAssigner
{
    private readonly int _folds;
    private readonly ulong _seed;

    /// <summary>Creates an assigner.</summary>
    /// <param name="schema">The schema of the data to split.</param>
    /// <param name="folds">k ≥ 2.</param>
    /// <param name="samplingKeyColumnName">The grouping column (Single, Double, Int32, Int64, UInt32, Boolean, String or Key), or null.</param>
    /// <param name="seed">The seed of the hash.</param>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing or of another type.</exception>
    public CrossValidationFoldAssigner(DataViewSchema schema, int folds, string? samplingKeyColumnName, int seed)
    {
        _folds = folds;
        _seed = Mix((ulong)(uint)seed);
        if (samplingKeyColumnName is not null)
        {
            KeyColumn = SchemaMismatchException.Check(EvaluationInput.DataParameter, schema, samplingKeyColumnName,
                "Single, Double, Int32, Int64, UInt32, Boolean, String or Key",
                t => t is NumberDataViewType or BooleanDataViewType or TextDataViewType or KeyDataViewType);
        }
    }

    /// <summary>The sampling key column, or null when rows are assigned by id.</summary>
    public DataViewSchema.Column? KeyColumn { get; }

    /// <summary>A function giving the fold of <paramref name="row"/>'s current row (its key column must be active).</summary>
    /// <param name="row">An open cursor of the split data.</param>
    /// <returns>The fold getter, 0 … k − 1.</returns>
    public Func<int> CreateFoldGetter(DataViewRow row)
    {
        Func<ulong> hash = KeyColumn is { } key ? CreateKeyHasher(row, key) : CreateIdHasher(row);
        return () => (int)(Mix(hash() ^ _seed) % (ulong)_folds);
    }

    private static Func<ulong> CreateIdHasher(DataViewRow row)
    {
        var getId = row.GetIdGetter();
        var id = default(DataViewRowId);
        return () =>
        {
            getId(ref id);
            return Mix(id.Low) ^ id.High;
        };
    }

    private static Func<ulong> CreateKeyHasher(DataViewRow row, DataViewSchema.Column column) => column.Type.RawType switch
    {
        var t when t == typeof(float) => Hasher<float>(row, column, v => BitConverter.DoubleToUInt64Bits(v + 0.0)),
        var t when t == typeof(double) => Hasher<double>(row, column, v => BitConverter.DoubleToUInt64Bits(v + 0.0)),
        var t when t == typeof(int) => Hasher<int>(row, column, v => (ulong)v),
        var t when t == typeof(long) => Hasher<long>(row, column, v => (ulong)v),
        var t when t == typeof(uint) => Hasher<uint>(row, column, v => v),
        var t when t == typeof(bool) => Hasher<bool>(row, column, v => v ? 1UL : 0UL),
        _ => Hasher<ReadOnlyMemory<char>>(row, column, v => HashText(v.Span)),
    };

    private static Func<ulong> Hasher<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> bits)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return bits(value);
        };
    }

    /// <summary>FNV-1a over the UTF-16 code units (string.GetHashCode is randomised per process, so not usable here).</summary>
    private static ulong HashText(ReadOnlySpan<char> text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>SplitMix64's finaliser: a bijective mix in which every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
