namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Copies a column under a new name, with its type and annotations (ML.NET's ColumnCopyingEstimator). Nothing to
/// learn; the copy reads the source lazily.
/// </summary>
public sealed class ColumnCopyingEstimator : TrivialEstimator<ColumnCopyingTransformer>
{
    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.CopyColumns</c>.</summary>
    /// <param name="outputColumnName">The new column's name.</param>
    /// <param name="inputColumnName">The column to copy.</param>
    /// <exception cref="ArgumentException">An empty name.</exception>
    public ColumnCopyingEstimator(string outputColumnName, string inputColumnName)
        : base(new ColumnCopyingTransformer(outputColumnName, inputColumnName))
    {
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Transformer.InputColumnName, "any type", _ => true);
        return inputSchema.With([input with { Name = Transformer.OutputColumnName }]);
    }
}
