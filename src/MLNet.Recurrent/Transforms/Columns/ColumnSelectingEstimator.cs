namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Keeps or drops columns (ML.NET's ColumnSelectingEstimator, made by <c>SelectColumns</c> and <c>DropColumns</c>);
/// nothing to learn. See <see cref="ColumnSelectingTransformer"/> for the order and hidden-column rules.
/// </summary>
public sealed class ColumnSelectingEstimator : TrivialEstimator<ColumnSelectingTransformer>
{
    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.SelectColumns</c> or <c>DropColumns</c>.</summary>
    /// <param name="columnNames">The columns to keep or drop (at least one).</param>
    /// <param name="keep">True to keep only these columns, false to drop them.</param>
    /// <param name="keepHidden">When keeping, whether to keep hidden columns of those names too (default false).</param>
    /// <exception cref="ArgumentException">No names, or an empty name.</exception>
    public ColumnSelectingEstimator(string[] columnNames, bool keep, bool keepHidden = false)
        : base(new ColumnSelectingTransformer(columnNames, keep, keepHidden))
    {
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema) => Transformer.GetOutputShape(inputSchema);
}
