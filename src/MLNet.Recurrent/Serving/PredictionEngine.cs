using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

/// <summary>
/// Applies a fitted pipeline to one example at a time (ML.NET's PredictionEngine&lt;TSrc, TDst&gt;): the example's
/// members become a one-row view, the pipeline's output row is written into a <typeparamref name="TDst"/>. The
/// pipeline's cursors and getters are created once and reused for every prediction (a pipeline whose cursors read
/// ahead is reopened per prediction instead — still correct, slower).
/// </summary>
/// <remarks>
/// Not thread-safe, as in ML.NET: an engine holds one set of cursors and buffers, so use one engine per thread,
/// or a <see cref="PredictionEnginePool{TData, TPrediction}"/> to predict from many threads.
/// </remarks>
/// <typeparam name="TSrc">The example class (its members as in <c>LoadFromEnumerable</c>).</typeparam>
/// <typeparam name="TDst">The prediction class (its members filled as in <c>CreateEnumerable</c>).</typeparam>
public sealed class PredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly ExampleDataView<TSrc> _source;
    private readonly IDataView _output;
    private readonly RowObjectWriter<TDst> _writer;
    private DataViewRowCursor? _cursor;
    private Action<TDst>? _fill;
    private bool _disposed;

    /// <summary>Builds the engine and checks the schemas now.</summary>
    /// <param name="transformer">The fitted pipeline.</param>
    /// <param name="ignoreMissingColumns">Whether prediction members without an output column are left as they are.</param>
    /// <param name="inputSchemaDefinition">The example's member → column mapping, or null.</param>
    /// <param name="outputSchemaDefinition">The prediction's member → column mapping, or null.</param>
    /// <exception cref="SchemaMismatchException">The pipeline cannot read the example's columns, or a prediction member does not suit its column.</exception>
    internal PredictionEngine(ITransformer transformer, bool ignoreMissingColumns, SchemaDefinition? inputSchemaDefinition, SchemaDefinition? outputSchemaDefinition)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        Transformer = transformer;
        _source = new ExampleDataView<TSrc>(RowTypeMapping<TSrc>.Create(inputSchemaDefinition, SchemaDefinition.Direction.Read));
        _output = transformer.Transform(_source);
        _writer = new RowObjectWriter<TDst>(RowTypeMapping<TDst>.Create(outputSchemaDefinition, SchemaDefinition.Direction.Write),
            _output.Schema, ignoreMissingColumns, nameof(transformer));
    }

    /// <summary>The pipeline's output schema.</summary>
    public DataViewSchema OutputSchema => _output.Schema;

    /// <summary>The pipeline this engine applies.</summary>
    internal ITransformer Transformer { get; }

    /// <summary>The pool this engine belongs to, if any.</summary>
    internal object? Owner { get; set; }

    /// <summary>Predicts for <paramref name="example"/> into a new <typeparamref name="TDst"/>.</summary>
    /// <param name="example">The example.</param>
    /// <returns>The prediction.</returns>
    /// <exception cref="InvalidOperationException">The pipeline produced no row for the example (it filters rows), or the engine is disposed.</exception>
    public TDst Predict(TSrc example)
    {
        var prediction = new TDst();
        Predict(example, ref prediction);
        return prediction;
    }

    /// <summary>
    /// Predicts for <paramref name="example"/> into <paramref name="prediction"/>, reusing it and its arrays (a new
    /// object when null) — no allocation per call for scalar outputs.
    /// </summary>
    /// <param name="example">The example.</param>
    /// <param name="prediction">The object to fill.</param>
    /// <exception cref="InvalidOperationException">The pipeline produced no row for the example, or the engine is disposed.</exception>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(example);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _source.Offer(example);
        try
        {
            if (_cursor is null || !_cursor.MoveNext())
            {
                Reopen();
                if (!_cursor!.MoveNext())
                {
                    throw new InvalidOperationException("The pipeline produced no output row for the example; a prediction engine needs a row-to-row pipeline (no row filters).");
                }
            }

            prediction ??= new TDst();
            _fill!(prediction);
        }
        finally
        {
            _source.Offer(null);
        }
    }

    /// <summary>Releases the pipeline's cursors.</summary>
    public void Dispose()
    {
        _disposed = true;
        _cursor?.Dispose();
        _cursor = null;
    }

    private void Reopen()
    {
        _cursor?.Dispose();
        _cursor = _output.GetRowCursor(_writer.Columns);
        _fill = _writer.CreateFiller(_cursor);
    }
}
