using MLNet.Recurrent.Data;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Learns the distinct values of a column and maps each to a key (ML.NET's ValueToKeyMappingEstimator): value i of
/// the learned list becomes key i + 1 (uint, 1-based); a value not seen while fitting, or a missing one (empty text,
/// NaN), becomes key 0. Fitting reads the column once (or the single column of <c>keyData</c> when given).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Input column</term><description>Output column</description></listheader>
/// <item><term>scalar of String, Boolean or a number</term><description>Key&lt;UInt32, count&gt;</description></item>
/// <item><term>vector (fixed or variable length) of those</term><description>vector of keys with the same dimensions</description></item>
/// </list>
/// The output column carries the <see cref="AnnotationKinds.KeyValues"/> annotation (the value of key k at index
/// k − 1), of the input's item type, or text when <c>addKeyValueAnnotationsAsText</c>; <see cref="KeyToValueMappingEstimator"/> uses it to map back.
/// </remarks>
public sealed class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    private const string Expected = "String, Boolean or a number, or a vector of those";

    private readonly string _outputColumnName;
    private readonly string _inputColumnName;
    private readonly int _maximumNumberOfKeys;
    private readonly KeyOrdinality _keyOrdinality;
    private readonly bool _addKeyValueAnnotationsAsText;
    private readonly IDataView? _keyData;

    /// <summary>How keys are assigned to values.</summary>
    public enum KeyOrdinality
    {
        /// <summary>In the order values first occur in the data.</summary>
        ByOccurrence = 0,

        /// <summary>In ascending order of value (ordinal for text, false before true).</summary>
        ByValue = 1,
    }

    /// <summary>Creates the estimator; prefer <c>mlContext.Transforms.Conversion.MapValueToKey</c>.</summary>
    /// <param name="outputColumnName">The key column to create.</param>
    /// <param name="inputColumnName">The column of values; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumNumberOfKeys">The most distinct values kept (default 1,000,000); later new values map to 0.</param>
    /// <param name="keyOrdinality">How keys are ordered (default <see cref="KeyOrdinality.ByOccurrence"/>).</param>
    /// <param name="addKeyValueAnnotationsAsText">Whether the key values annotation is text whatever the input type (default false).</param>
    /// <param name="keyData">When not null, a view with exactly one column whose values define the keys, instead of the training data.</param>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is empty, or <paramref name="keyData"/> has not exactly one column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumNumberOfKeys"/> &lt; 1 or an undefined <paramref name="keyOrdinality"/>.</exception>
    public ValueToKeyMappingEstimator(string outputColumnName, string? inputColumnName = null, int maximumNumberOfKeys = 1_000_000,
        KeyOrdinality keyOrdinality = KeyOrdinality.ByOccurrence, bool addKeyValueAnnotationsAsText = false, IDataView? keyData = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumNumberOfKeys, 1);
        if (!Enum.IsDefined(keyOrdinality))
        {
            throw new ArgumentOutOfRangeException(nameof(keyOrdinality), keyOrdinality, $"{nameof(keyOrdinality)}: expected ByOccurrence or ByValue, got {(int)keyOrdinality}.");
        }

        int keyDataColumns = keyData?.Schema.Count(c => !c.IsHidden) ?? 1;
        if (keyDataColumns != 1)
        {
            throw new ArgumentException($"{nameof(keyData)}: expected exactly one column, got {keyDataColumns}.", nameof(keyData));
        }

        _outputColumnName = outputColumnName;
        _inputColumnName = string.IsNullOrEmpty(inputColumnName) ? outputColumnName : inputColumnName;
        _maximumNumberOfKeys = maximumNumberOfKeys;
        _keyOrdinality = keyOrdinality;
        _addKeyValueAnnotationsAsText = addKeyValueAnnotationsAsText;
        _keyData = keyData;
    }

    /// <summary>Learns the values (one pass over the input column, or over <c>keyData</c>) and returns the mapping transformer.</summary>
    /// <param name="input">Training data.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="SchemaMismatchException">The input column is missing or not of a value type, or <c>keyData</c>'s item type differs.</exception>
    /// <exception cref="InvalidOperationException">No non-missing value was found to map.</exception>
    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = SchemaMismatchException.Check(nameof(input), input.Schema, _inputColumnName, Expected,
            type => ItemTypes.IsValue(ItemTypes.ItemOf(type)));
        var source = input;
        if (_keyData is not null)
        {
            var itemType = ItemTypes.ItemOf(column.Type);
            source = _keyData;
            column = _keyData.Schema.First(c => !c.IsHidden);
            SchemaMismatchException.Check("keyData", _keyData.Schema, column.Name, $"{itemType} or a vector of {itemType}",
                type => ItemTypes.ItemOf(type).Equals(itemType));
        }

        var map = KeyValueMap.Learn(source, column, _maximumNumberOfKeys, _keyOrdinality);
        if (map.Count == 0)
        {
            throw new InvalidOperationException($"{nameof(input)}: column '{column.Name}' has no non-missing value to map to a key.");
        }

        return new ValueToKeyMappingTransformer(_outputColumnName, _inputColumnName, map, _addKeyValueAnnotationsAsText);
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, _inputColumnName, Expected,
            column => !column.IsKey && ItemTypes.IsValue(column.ItemType));
        return inputSchema.With([new SchemaShape.Column(_outputColumnName, input.Kind, NumberDataViewType.UInt32, IsKey: true)]);
    }
}
