using MLNet.Recurrent.Transforms;

namespace MLNet.Recurrent;

/// <summary>Column operations on <c>mlContext.Transforms</c> (ML.NET's TransformExtensionsCatalog).</summary>
public static class TransformExtensionsCatalog
{
    /// <summary>
    /// Joins columns of one item type into a vector: fixed-size when every input is a scalar or fixed-size vector,
    /// variable-length when any input is. See <see cref="ColumnConcatenatingEstimator"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The vector column to create.</param>
    /// <param name="inputColumnNames">The columns to join, in order (at least one).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An empty output name, no inputs, or an empty input name.</exception>
    public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName, params string[] inputColumnNames)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnConcatenatingEstimator(outputColumnName, inputColumnNames);
    }

    /// <summary>Copies a column under a new name, with its type and annotations. See <see cref="ColumnCopyingEstimator"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The new column's name.</param>
    /// <param name="inputColumnName">The column to copy.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An empty name.</exception>
    public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnCopyingEstimator(outputColumnName, inputColumnName);
    }

    /// <summary>Keeps only the named columns, in the order given (hidden columns are dropped). See <see cref="ColumnSelectingTransformer"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columnNames">The columns to keep (at least one).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">No names, or an empty name.</exception>
    public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, params string[] columnNames)
        => SelectColumns(catalog, columnNames, keepHidden: false);

    /// <summary>Keeps only the named columns, in the order given, optionally with their hidden columns. See <see cref="ColumnSelectingTransformer"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columnNames">The columns to keep (at least one).</param>
    /// <param name="keepHidden">Whether hidden columns of those names are kept too.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">No names, or an empty name.</exception>
    public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, string[] columnNames, bool keepHidden)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnSelectingEstimator(columnNames, keep: true, keepHidden);
    }

    /// <summary>Drops every column with one of the given names (hidden ones too); the rest keep their order. See <see cref="ColumnSelectingTransformer"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columnNames">The columns to drop (at least one).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">No names, or an empty name.</exception>
    public static ColumnSelectingEstimator DropColumns(this TransformsCatalog catalog, params string[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnSelectingEstimator(columnNames, keep: false);
    }
}
