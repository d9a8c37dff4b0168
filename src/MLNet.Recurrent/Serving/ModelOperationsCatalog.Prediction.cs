using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

public sealed partial class ModelOperationsCatalog
{
    /// <summary>
    /// A prediction engine for single examples (ML.NET's CreatePredictionEngine). Not thread-safe; see
    /// <see cref="PredictionEnginePool{TData, TPrediction}"/> for many threads.
    /// </summary>
    /// <typeparam name="TSrc">The example class.</typeparam>
    /// <typeparam name="TDst">The prediction class.</typeparam>
    /// <param name="transformer">The fitted pipeline.</param>
    /// <param name="ignoreMissingColumns">Whether prediction members without an output column are left as they are (default true).</param>
    /// <param name="inputSchemaDefinition">The example's member → column mapping (default null: derived from <typeparamref name="TSrc"/>).</param>
    /// <param name="outputSchemaDefinition">The prediction's member → column mapping (default null: derived from <typeparamref name="TDst"/>).</param>
    /// <returns>The engine.</returns>
    /// <exception cref="SchemaMismatchException">The pipeline cannot read the example's columns, or a prediction member does not suit its column.</exception>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true,
        SchemaDefinition? inputSchemaDefinition = null, SchemaDefinition? outputSchemaDefinition = null)
        where TSrc : class
        where TDst : class, new()
        => new(transformer, ignoreMissingColumns, inputSchemaDefinition, outputSchemaDefinition);

    /// <summary>
    /// A prediction engine whose example columns take their types from <paramref name="inputSchema"/> (ML.NET's
    /// overload): use the training data's schema when <typeparamref name="TSrc"/> cannot state them (a fixed vector
    /// size, key counts).
    /// </summary>
    /// <typeparam name="TSrc">The example class.</typeparam>
    /// <typeparam name="TDst">The prediction class.</typeparam>
    /// <param name="transformer">The fitted pipeline.</param>
    /// <param name="inputSchema">The schema whose column types the example's members take.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="SchemaMismatchException">A type of <paramref name="inputSchema"/> does not suit its member, or the pipeline cannot read the example.</exception>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, DataViewSchema inputSchema)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new(transformer, true, RowTypeMapping<TSrc>.DefinitionFromSchema(inputSchema, SchemaDefinition.Direction.Read), null);
    }
}
