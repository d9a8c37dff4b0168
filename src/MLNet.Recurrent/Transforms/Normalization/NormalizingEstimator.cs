using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Learns per-slot statistics of a float column in one pass (at most <c>maximumExampleCount</c> rows) and rescales
/// it (ML.NET's NormalizingEstimator): min-max, mean-variance, or the normal CDF. The fitted
/// <see cref="NormalizingTransformer.Parameters"/> expose the scale and offset and invert the map.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Input column</term><description>Output column, statistics</description></listheader>
/// <item><term>Single</term><description>Single; one slot</description></item>
/// <item><term>Vector&lt;Single, n&gt;</term><description>Vector&lt;Single, n&gt;; one slot per item</description></item>
/// <item><term>Vector&lt;Single&gt; (variable length)</term><description>Vector&lt;Single&gt;; one slot over every item of every row</description></item>
/// </list>
/// NaN and ±∞ are ignored while fitting and stay NaN after normalising; a slot that is constant maps to 0.
/// </remarks>
public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
{
    private const string Expected = "Single or a vector of Single";

    private readonly string _outputColumnName;
    private readonly string _inputColumnName;
    private readonly NormalizationMode _mode;
    private readonly long _maximumExampleCount;
    private readonly bool _fixZero;
    private readonly bool _useCdf;

    /// <summary>The statistics a normaliser rescales by.</summary>
    public enum NormalizationMode
    {
        /// <summary>Minimum and maximum (<c>NormalizeMinMax</c>).</summary>
        MinMax = 0,

        /// <summary>Mean and variance (<c>NormalizeMeanVariance</c>).</summary>
        MeanVariance = 1,
    }

    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.NormalizeMinMax</c> or <c>NormalizeMeanVariance</c>.</summary>
    /// <param name="outputColumnName">The column to create.</param>
    /// <param name="inputColumnName">The column to normalise; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="mode">Which statistics (default <see cref="NormalizationMode.MinMax"/>).</param>
    /// <param name="maximumExampleCount">The most rows read while fitting (default 1,000,000,000; &gt; 1).</param>
    /// <param name="fixZero">Whether 0 maps to 0 (offset 0) (default true); ignored with <paramref name="useCdf"/>.</param>
    /// <param name="useCdf">Mean-variance only: output the normal CDF of the standardised value (default false).</param>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is empty, or <paramref name="useCdf"/> with min-max.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumExampleCount"/> ≤ 1, or an undefined <paramref name="mode"/>.</exception>
    public NormalizingEstimator(string outputColumnName, string? inputColumnName = null, NormalizationMode mode = NormalizationMode.MinMax,
        long maximumExampleCount = 1_000_000_000, bool fixZero = true, bool useCdf = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maximumExampleCount, 1);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{nameof(mode)}: expected MinMax or MeanVariance, got {(int)mode}.");
        }

        if (useCdf && mode != NormalizationMode.MeanVariance)
        {
            throw new ArgumentException($"{nameof(useCdf)}: expected false with {mode} (the CDF needs mean and variance), got true.", nameof(useCdf));
        }

        _outputColumnName = outputColumnName;
        _inputColumnName = string.IsNullOrEmpty(inputColumnName) ? outputColumnName : inputColumnName;
        _mode = mode;
        _maximumExampleCount = maximumExampleCount;
        _fixZero = fixZero;
        _useCdf = useCdf;
    }

    /// <summary>Reads up to <c>maximumExampleCount</c> rows of the column once and computes the parameters.</summary>
    /// <param name="input">Training data.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="SchemaMismatchException">The column is missing or not Single / a vector of Single.</exception>
    public NormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = SchemaMismatchException.Check(nameof(input), input.Schema, _inputColumnName, Expected, IsFloatColumn);
        var kind = SchemaShape.Column.From(column.Name, column.Type).Kind;
        bool isShared = kind == SchemaShape.Column.VectorKind.VariableVector;
        var statistics = new SlotStatistics(column.Type is VectorDataViewType { IsKnownSize: true } vector ? vector.Size : 1);
        ColumnItems.ForEachRow(input, column, _maximumExampleCount, (ReadOnlySpan<float> items) =>
        {
            statistics.Add(items);
            return true;
        });
        NormalizerParameters parameters = _useCdf ? statistics.Cdf(isShared)
            : _mode == NormalizationMode.MinMax ? statistics.MinMax(_fixZero, isShared)
            : statistics.MeanVariance(_fixZero, isShared);
        return new NormalizingTransformer(_outputColumnName, _inputColumnName, kind, parameters);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, _inputColumnName, Expected,
            column => column.ItemType == NumberDataViewType.Single);
        return inputSchema.With([input with { Name = _outputColumnName }]);
    }

    internal static bool IsFloatColumn(DataViewType type) => ItemTypes.ItemOf(type) == NumberDataViewType.Single;
}
