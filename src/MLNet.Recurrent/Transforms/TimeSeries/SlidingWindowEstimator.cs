using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Turns a series stored one time step per row into supervised examples for forecasting: example k holds the W
/// steps starting at row k · stride as its window and the H target values after them as its horizon. Nothing to
/// learn. Unlike the other transforms this one changes the number of rows, so it is not row-to-row.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Output column</term><description>Value of example k (s = k · stride)</description></listheader>
/// <item><term>Window: Vector&lt;Single, W, F&gt;</term><description>item t · F + f = feature f at row s + t, t &lt; W (row-major [time, feature], the layout recurrent estimators read)</description></item>
/// <item><term>Horizon: Vector&lt;Single, H&gt;</term><description>item h = target at row s + W + h, h &lt; H</description></item>
/// </list>
/// A series of n rows gives ⌊(n − W − H) / stride⌋ + 1 examples (none when n &lt; W + H). Rows are read in order by
/// a single pass holding only the last W + H rows, so memory does not grow with the series; the output cannot be
/// shuffled by a cursor (shuffle the examples after caching them). Only the two output columns are produced.
/// </remarks>
public sealed class SlidingWindowEstimator : TrivialEstimator<SlidingWindowTransformer>
{
    private readonly SlidingWindowTransformer _transformer;

    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.CreateSlidingWindows</c>.</summary>
    /// <param name="options">The options (copied).</param>
    /// <exception cref="ArgumentException">An empty or repeated column name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A window size, horizon or stride below 1.</exception>
    public SlidingWindowEstimator(SlidingWindowOptions options)
        : this(new SlidingWindowTransformer(options))
    {
    }

    private SlidingWindowEstimator(SlidingWindowTransformer transformer)
        : base(transformer) => _transformer = transformer;

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaMismatchException.Check(nameof(inputSchema), inputSchema, _transformer.TargetColumnName, "Single",
            column => column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType == NumberDataViewType.Single);
        foreach (string name in _transformer.FeatureColumnNames)
        {
            SchemaMismatchException.Check(nameof(inputSchema), inputSchema, name, SlidingWindowTransformer.FeatureExpected,
                column => column.Kind != SchemaShape.Column.VectorKind.VariableVector && column.ItemType == NumberDataViewType.Single && !column.IsKey);
        }

        return new SchemaShape(
        [
            new SchemaShape.Column(_transformer.WindowColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, IsKey: false),
            new SchemaShape.Column(_transformer.HorizonColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, IsKey: false),
        ]);
    }
}
