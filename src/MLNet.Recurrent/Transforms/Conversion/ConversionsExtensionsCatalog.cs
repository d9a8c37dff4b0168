using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent;

/// <summary>Key conversions on <c>mlContext.Transforms.Conversion</c> (ML.NET's ConversionsExtensionsCatalog).</summary>
public static class ConversionsExtensionsCatalog
{
    /// <summary>
    /// Maps the values of a column (text, booleans, numbers, or vectors of those) to keys 1…n learned from the data;
    /// an unseen or missing value maps to key 0. See <see cref="ValueToKeyMappingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="outputColumnName">The key column to create.</param>
    /// <param name="inputColumnName">The column of values; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumNumberOfKeys">The most distinct values kept (default 1,000,000).</param>
    /// <param name="keyOrdinality">Key order: by first occurrence (default) or by value.</param>
    /// <param name="addKeyValueAnnotationsAsText">Whether the KeyValues annotation is text whatever the input type (default false).</param>
    /// <param name="keyData">Optional one-column view whose values define the keys instead of the training data.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is empty, or <paramref name="keyData"/> has not exactly one column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumNumberOfKeys"/> &lt; 1 or an undefined <paramref name="keyOrdinality"/>.</exception>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName,
        string? inputColumnName = null, int maximumNumberOfKeys = 1_000_000,
        ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
        bool addKeyValueAnnotationsAsText = false, IDataView? keyData = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ValueToKeyMappingEstimator(outputColumnName, inputColumnName, maximumNumberOfKeys, keyOrdinality, addKeyValueAnnotationsAsText, keyData);
    }

    /// <summary>
    /// Maps keys (or vectors of keys) back to their values through the column's KeyValues annotation; key 0 maps to
    /// the missing value. See <see cref="KeyToValueMappingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The conversion catalog.</param>
    /// <param name="outputColumnName">The column of values to create.</param>
    /// <param name="inputColumnName">The key column; null means <paramref name="outputColumnName"/>.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    public static KeyToValueMappingEstimator MapKeyToValue(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName,
        string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToValueMappingEstimator(outputColumnName, inputColumnName);
    }
}
