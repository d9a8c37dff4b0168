using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Data;

/// <summary>
/// Base of transformers that compute new columns from the columns of the same row. A subclass says which columns it
/// adds (validating the input schema) and, per cursor, how to compute them; this base provides the lazy view that
/// appends them (same-named input columns become hidden), so <see cref="Transform"/> streams.
/// </summary>
public abstract class RowToRowTransformerBase : ITransformer
{
    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    /// <summary>The columns added to <paramref name="inputSchema"/>, after checking the columns read.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>Name, type and annotations of each added column.</returns>
    /// <exception cref="SchemaMismatchException">An input column is missing or has the wrong type.</exception>
    protected internal abstract IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema);

    /// <summary>The input columns that computing output <paramref name="outputIndex"/> reads.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="outputIndex">Index into <see cref="GetOutputColumns"/>.</param>
    /// <returns>Input columns.</returns>
    protected internal abstract IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex);

    /// <summary>
    /// Getters (each a <see cref="ValueGetter{TValue}"/> of the output's raw type) for the outputs that are active,
    /// reading <paramref name="input"/>'s current row. Called once per cursor, so state kept in closures is per cursor.
    /// </summary>
    /// <param name="input">The input row (its needed columns are active).</param>
    /// <param name="isOutputActive">Whether output i was requested; inactive outputs may get null.</param>
    /// <returns>One delegate (or null) per output column.</returns>
    protected internal abstract Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive);

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var output in GetOutputColumns(inputSchema))
        {
            builder.AddColumn(output.Name, output.Type, output.Annotations);
        }

        return builder.ToSchema();
    }

    /// <inheritdoc/>
    /// <remarks>Override to serve the same columns through another lazy view (e.g. one that computes rows in batches).</remarks>
    public virtual IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, this);
    }

    /// <inheritdoc/>
    public abstract void Save(ModelSaveContext context);
}

/// <summary>A column a transformer adds.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Annotations">Its annotations (key values), or null.</param>
public sealed record OutputColumn(string Name, DataViewType Type, Annotations? Annotations = null);
