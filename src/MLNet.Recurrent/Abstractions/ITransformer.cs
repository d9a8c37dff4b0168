namespace MLNet.Recurrent;

/// <summary>
/// A fitted step of a pipeline: maps a data view to a data view lazily (ML.NET's ITransformer). Transformers are
/// immutable once fitted and safe to use from several threads for <see cref="Transform"/>.
/// </summary>
public interface ITransformer : ICanSaveModel
{
    /// <summary>Whether each output row depends on the matching input row only (true for every transformer except those that change the number of rows, such as sliding windows).</summary>
    bool IsRowToRowMapper { get; }

    /// <summary>The schema <see cref="Transform"/> would produce from <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input's schema.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="SchemaMismatchException">A column this transformer reads is missing or has the wrong type.</exception>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Applies the transformer lazily: nothing is computed until the result is read.</summary>
    /// <param name="input">The data to transform.</param>
    /// <returns>A view with the output columns appended (or replacing same-named columns).</returns>
    /// <exception cref="SchemaMismatchException">A column this transformer reads is missing or has the wrong type.</exception>
    IDataView Transform(IDataView input);
}

/// <summary>
/// An untrained step of a pipeline (ML.NET's IEstimator&lt;TTransformer&gt;): <see cref="Fit"/> learns from data
/// (a vocabulary, normalisation statistics, network weights) and returns the transformer that applies it.
/// </summary>
/// <typeparam name="TTransformer">The fitted transformer's type.</typeparam>
public interface IEstimator<out TTransformer>
    where TTransformer : ITransformer
{
    /// <summary>Learns from <paramref name="input"/>.</summary>
    /// <param name="input">Training data.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="SchemaMismatchException">A column the estimator reads is missing or has the wrong type.</exception>
    TTransformer Fit(IDataView input);

    /// <summary>The shape of the schema the fitted transformer will produce, checked without data.</summary>
    /// <param name="inputSchema">The input's schema shape.</param>
    /// <returns>The output schema shape.</returns>
    /// <exception cref="SchemaMismatchException">A column the estimator reads is missing or has the wrong type.</exception>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}

/// <summary>
/// Something that writes itself into a model file (ML.NET's ICanSaveModel). Loading goes through a fixed table of
/// known kinds (<see cref="Persistence.ModelKinds"/>), never through type names read from a file.
/// </summary>
public interface ICanSaveModel
{
    /// <summary>Writes the manifest and weights of this object.</summary>
    /// <param name="context">Where to write.</param>
    void Save(Persistence.ModelSaveContext context);
}
