using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

public sealed partial class DataOperationsCatalog
{
    /// <summary>
    /// Splits <paramref name="data"/> into a training and a test set, lazily (ML.NET's TrainTestSplit). Each row gets a
    /// fraction u ∈ [0, 1) from a stable hash of the seed and its row id — or of the value of
    /// <paramref name="samplingKeyColumnName"/>, so rows that share a key land in the same set — and goes to the test
    /// set when u &lt; <paramref name="testFraction"/>. Both sets are filters over <paramref name="data"/>: nothing is read
    /// now, each cursor streams, and the same seed gives the same split in every run. Set sizes are
    /// <paramref name="testFraction"/> of the rows in expectation, not exactly.
    /// </summary>
    /// <param name="data">The rows to split.</param>
    /// <param name="testFraction">The expected share of test rows, 0 &lt; f &lt; 1 (default 0.1).</param>
    /// <param name="samplingKeyColumnName">A column (any type) whose equal values stay together (default null: split by row).</param>
    /// <param name="seed">The hash seed (default null: the context's next seed, drawn now).</param>
    /// <returns>The two sets.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing.</exception>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"{nameof(testFraction)}: expected 0 < f < 1, got {testFraction}.");
        }

        var (columns, fraction) = RowFraction(data, samplingKeyColumnName, seed ?? Context.NextSeed());
        var test = new FilterDataView(data, columns, row => IsIn(fraction(row), 0, testFraction));
        var train = new FilterDataView(data, columns, row => IsIn(fraction(row), testFraction, 1));
        return new TrainTestData(train, test);
    }

    /// <summary>
    /// Splits <paramref name="data"/> into <paramref name="numberOfFolds"/> train/test pairs for cross-validation,
    /// lazily (ML.NET's CrossValidationSplit). Each row's fraction u ∈ [0, 1) (as in <see cref="TrainTestSplit"/>) puts it
    /// in the test set of fold ⌊u · k⌋ and in the training sets of the others, so the test sets partition the rows.
    /// </summary>
    /// <param name="data">The rows to split.</param>
    /// <param name="numberOfFolds">k ≥ 2 (default 5).</param>
    /// <param name="samplingKeyColumnName">A column whose equal values stay in one fold (default null: by row).</param>
    /// <param name="seed">The hash seed (default null: the context's next seed, drawn now).</param>
    /// <returns>k train/test pairs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is below 2.</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing.</exception>
    public IReadOnlyList<TrainTestData> CrossValidationSplit(IDataView data, int numberOfFolds = 5, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (numberOfFolds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(numberOfFolds), numberOfFolds, $"{nameof(numberOfFolds)}: expected ≥ 2, got {numberOfFolds}.");
        }

        var (columns, fraction) = RowFraction(data, samplingKeyColumnName, seed ?? Context.NextSeed());
        var folds = new TrainTestData[numberOfFolds];
        for (int fold = 0; fold < numberOfFolds; fold++)
        {
            double low = (double)fold / numberOfFolds;
            double high = fold == numberOfFolds - 1 ? 1 : (double)(fold + 1) / numberOfFolds;
            var test = new FilterDataView(data, columns, row => IsIn(fraction(row), low, high));
            var train = new FilterDataView(data, columns, row =>
            {
                var inTest = IsIn(fraction(row), low, high);
                return () => !inTest();
            });
            folds[fold] = new TrainTestData(train, test);
        }

        return folds;
    }

    /// <summary>
    /// Shuffles the rows of <paramref name="input"/>, lazily, through a pool of <paramref name="shufflePoolSize"/> rows
    /// (ML.NET's ShuffleRows): each output row is drawn uniformly from the pool, which is refilled from the input.
    /// Memory holds the pool only; with a pool at least as large as the data the order is a uniform permutation.
    /// Cursors opened without a generator all visit the same order (from <paramref name="seed"/>); cursors opened with
    /// one use it. The view is shufflable.
    /// </summary>
    /// <param name="input">The rows.</param>
    /// <param name="seed">The shuffle seed (default null: the context's next seed, drawn now).</param>
    /// <param name="shufflePoolSize">Rows held in the pool, ≥ 1 (default 1000).</param>
    /// <param name="shuffleSource">Whether to also read a shufflable input (a cache, an in-memory view) in a random order (default true).</param>
    /// <returns>The shuffled view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shufflePoolSize"/> is below 1.</exception>
    public IDataView ShuffleRows(IDataView input, int? seed = null, int shufflePoolSize = 1000, bool shuffleSource = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (shufflePoolSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(shufflePoolSize), shufflePoolSize, $"{nameof(shufflePoolSize)}: expected ≥ 1, got {shufflePoolSize}.");
        }

        return new ShuffleDataView(input, seed ?? Context.NextSeed(), shufflePoolSize, shuffleSource);
    }

    /// <summary>
    /// Caches <paramref name="input"/> in memory (ML.NET's Cache). Nothing is read now; the first cursor reads the
    /// input once for the columns it needs (and <paramref name="columnsToPrefetch"/>), later cursors read memory, and a
    /// column requested later is read in one more pass. The cache is shufflable, so trainers can visit epochs in
    /// random orders. This holds whole columns in memory — the one data operation meant to.
    /// </summary>
    /// <param name="input">The rows to cache.</param>
    /// <param name="columnsToPrefetch">Columns cached whenever anything is cached (default none: as requested).</param>
    /// <returns>The caching view.</returns>
    /// <exception cref="SchemaMismatchException">A prefetch column is missing.</exception>
    public IDataView Cache(IDataView input, params string[] columnsToPrefetch)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(columnsToPrefetch);
        var prefetch = columnsToPrefetch.Select(name => SchemaMismatchException.Check(nameof(input), input.Schema, name, "a column to prefetch", _ => true).Index);
        return new CacheDataView(input, prefetch.ToArray());
    }

    /// <summary>The first <paramref name="count"/> rows of <paramref name="input"/>, lazily (ML.NET's TakeRows).</summary>
    /// <param name="input">The rows.</param>
    /// <param name="count">The most rows kept (≥ 0).</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SkipTakeDataView(input, 0, count);
    }

    /// <summary>The rows of <paramref name="input"/> after the first <paramref name="count"/>, lazily (ML.NET's SkipRows).</summary>
    /// <param name="input">The rows.</param>
    /// <param name="count">Rows dropped from the start (≥ 0).</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SkipTakeDataView(input, count, long.MaxValue);
    }

    /// <summary>
    /// The rows of <paramref name="input"/> whose value x in <paramref name="columnName"/> (Single or Double) satisfies
    /// <paramref name="lowerBound"/> ≤ x &lt; <paramref name="upperBound"/>, lazily (ML.NET's FilterRowsByColumn). NaN
    /// satisfies no bounds and is dropped.
    /// </summary>
    /// <param name="input">The rows.</param>
    /// <param name="columnName">A Single or Double column.</param>
    /// <param name="lowerBound">Inclusive lower bound (default −∞).</param>
    /// <param name="upperBound">Exclusive upper bound (default +∞).</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or <paramref name="lowerBound"/> ≥ <paramref name="upperBound"/>.</exception>
    /// <exception cref="SchemaMismatchException">The column is missing or not Single/Double.</exception>
    public IDataView FilterRowsByColumn(IDataView input, string columnName, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(lowerBound < upperBound))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerBound), lowerBound,
                $"{nameof(lowerBound)}: expected a number below {nameof(upperBound)} ({upperBound}), got {lowerBound}.");
        }

        var column = SchemaMismatchException.Check(nameof(input), input.Schema, columnName, "Single or Double",
            t => t == NumberDataViewType.Single || t == NumberDataViewType.Double);
        return new FilterDataView(input, [column], row =>
        {
            if (column.Type == NumberDataViewType.Single)
            {
                var getter = row.GetGetter<float>(column);
                float value = 0;
                return () =>
                {
                    getter(ref value);
                    return value >= lowerBound && value < upperBound;
                };
            }

            var doubles = row.GetGetter<double>(column);
            double x = 0;
            return () =>
            {
                doubles(ref x);
                return x >= lowerBound && x < upperBound;
            };
        });
    }

    /// <summary>
    /// The rows of <paramref name="input"/> with no missing value in any of <paramref name="columns"/>, lazily (ML.NET's
    /// FilterRowsByMissingValues): missing is NaN for Single and Double, key 0 for keys; a vector is missing when any
    /// item is.
    /// </summary>
    /// <param name="input">The rows.</param>
    /// <param name="columns">The columns tested (at least one; each Single, Double, Key or a vector of them).</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is empty.</exception>
    /// <exception cref="SchemaMismatchException">A column is missing or of a type without missing values.</exception>
    public IDataView FilterRowsByMissingValues(IDataView input, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException($"{nameof(columns)}: expected at least one column name, got none.", nameof(columns));
        }

        var tested = columns.Select(name => SchemaMismatchException.Check(nameof(input), input.Schema, name, MissingValues.TypesWithMissing,
            MissingValues.CanBeMissing)).ToArray();
        return new FilterDataView(input, tested, row =>
        {
            var tests = tested.Select(c => MissingValues.CreateTest(row, c)).ToArray();
            return () => !tests.Any(isMissing => isMissing());
        });
    }

    private static Func<bool> IsIn(Func<double> fraction, double low, double high) => () =>
    {
        double u = fraction();
        return u >= low && u < high;
    };

    private static (DataViewSchema.Column[] Columns, Func<DataViewRow, Func<double>> Fraction) RowFraction(
        IDataView data, string? samplingKeyColumnName, int seed)
    {
        if (samplingKeyColumnName is null)
        {
            return ([], row =>
            {
                var idGetter = row.GetIdGetter();
                DataViewRowId id = default;
                return () =>
                {
                    idGetter(ref id);
                    return StableHash.ToFraction(StableHash.Combine(StableHash.Combine((ulong)seed, id.Low), id.High));
                };
            });
        }

        var column = SchemaMismatchException.Check(nameof(data), data.Schema, samplingKeyColumnName, "a sampling key column (any type)", _ => true);
        return ([column], row =>
        {
            var hash = StableHash.ColumnHasher(row, column, (ulong)seed);
            return () => StableHash.ToFraction(hash());
        });
    }

    /// <summary>A training set and a test set (ML.NET's DataOperationsCatalog.TrainTestData).</summary>
    public sealed class TrainTestData
    {
        internal TrainTestData(IDataView trainSet, IDataView testSet)
        {
            TrainSet = trainSet;
            TestSet = testSet;
        }

        /// <summary>The training rows.</summary>
        public IDataView TrainSet { get; }

        /// <summary>The test rows.</summary>
        public IDataView TestSet { get; }
    }
}
