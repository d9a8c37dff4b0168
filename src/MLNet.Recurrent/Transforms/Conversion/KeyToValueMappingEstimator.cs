using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Maps keys back to their values (ML.NET's KeyToValueMappingEstimator) through the key column's
/// <see cref="AnnotationKinds.KeyValues"/> annotation: key k becomes the annotation's item k − 1; key 0 (or a key
/// beyond the annotation) becomes the missing value (NaN, empty text, or the default). Nothing to learn.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Input column</term><description>Output column</description></listheader>
/// <item><term>Key with KeyValues of item type T</term><description>T</description></item>
/// <item><term>vector of such keys</term><description>vector of T with the same dimensions</description></item>
/// </list>
/// A <see cref="SchemaShape"/> carries no annotations, so <see cref="GetOutputSchema"/> reports the output item type
/// as String (what key values usually are); the fitted transformer's schema has the annotation's real item type.
/// </remarks>
public sealed class KeyToValueMappingEstimator : TrivialEstimator<KeyToValueMappingTransformer>
{
    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.Conversion.MapKeyToValue</c>.</summary>
    /// <param name="outputColumnName">The column of values to create.</param>
    /// <param name="inputColumnName">The key column; null means <paramref name="outputColumnName"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    public KeyToValueMappingEstimator(string outputColumnName, string? inputColumnName = null)
        : base(new KeyToValueMappingTransformer(outputColumnName, inputColumnName))
    {
    }

    /// <inheritdoc/>
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, Transformer.InputColumnName, "Key or a vector of keys", column => column.IsKey);
        return inputSchema.With([new SchemaShape.Column(Transformer.OutputColumnName, input.Kind, TextDataViewType.Instance, IsKey: false)]);
    }
}
