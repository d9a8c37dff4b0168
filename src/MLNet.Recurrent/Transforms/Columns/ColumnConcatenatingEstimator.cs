namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Joins several columns of one item type into a vector column (ML.NET's ColumnConcatenatingEstimator): the items
/// of each input in order. Nothing to learn.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Inputs</term><description>Output column</description></listheader>
/// <item><term>scalars and fixed-size vectors of T</term><description>Vector&lt;T, total size&gt;</description></item>
/// <item><term>any variable-length vector among them</term><description>Vector&lt;T&gt;, variable length</description></item>
/// </list>
/// Key inputs must share one key type; the output then keeps the first input's annotations (its key values).
/// </remarks>
public sealed class ColumnConcatenatingEstimator : TrivialEstimator<ColumnConcatenatingTransformer>
{
    private readonly string _outputColumnName;
    private readonly string[] _inputColumnNames;

    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.Concatenate</c>.</summary>
    /// <param name="outputColumnName">The vector column to create.</param>
    /// <param name="inputColumnNames">The columns to join, in order (at least one).</param>
    /// <exception cref="ArgumentException">An empty output name, no inputs, or an empty input name.</exception>
    public ColumnConcatenatingEstimator(string outputColumnName, params string[] inputColumnNames)
        : base(new ColumnConcatenatingTransformer(outputColumnName, inputColumnNames))
    {
        _outputColumnName = outputColumnName;
        _inputColumnNames = [.. inputColumnNames];
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var first = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, _inputColumnNames[0], ColumnConcatenatingTransformer.FirstExpected,
            column => column.IsKey || ItemTypes.IsValue(column.ItemType));
        bool variable = first.Kind == SchemaShape.Column.VectorKind.VariableVector;
        foreach (string name in _inputColumnNames.Skip(1))
        {
            var column = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, name, $"{first.ItemType} or a vector of {first.ItemType}",
                c => c.IsKey == first.IsKey && (c.IsKey || c.ItemType.Equals(first.ItemType)));
            variable |= column.Kind == SchemaShape.Column.VectorKind.VariableVector;
        }

        var kind = variable ? SchemaShape.Column.VectorKind.VariableVector : SchemaShape.Column.VectorKind.Vector;
        return inputSchema.With([new SchemaShape.Column(_outputColumnName, kind, first.ItemType, first.IsKey)]);
    }
}
