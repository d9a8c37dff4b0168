using System.Collections.Concurrent;
using MLNet.Recurrent.Data;

namespace MLNet.Recurrent;

/// <summary>
/// A thread-safe way to predict from many threads (after Microsoft.Extensions.ML's PredictionEnginePool, without
/// dependency injection): a pool of <see cref="PredictionEngine{TSrc, TDst}"/> over one model. <see cref="Predict"/>
/// rents an engine, predicts and returns it; engines are created on demand, so the pool grows to the number of
/// threads predicting at once, and at most <c>maximumRetained</c> idle engines are kept. All engines share the
/// model (transformers are immutable and safe to use from several threads); each has its own cursors and buffers.
/// </summary>
/// <typeparam name="TData">The example class.</typeparam>
/// <typeparam name="TPrediction">The prediction class.</typeparam>
public sealed class PredictionEnginePool<TData, TPrediction> : IDisposable
    where TData : class
    where TPrediction : class, new()
{
    private readonly ITransformer _model;
    private readonly bool _ignoreMissingColumns;
    private readonly SchemaDefinition? _inputSchemaDefinition;
    private readonly SchemaDefinition? _outputSchemaDefinition;
    private readonly int _maximumRetained;
    private readonly ConcurrentBag<PredictionEngine<TData, TPrediction>> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>Creates a pool over <paramref name="model"/>; one engine is built now, so schema errors surface here.</summary>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="ignoreMissingColumns">Whether prediction members without an output column are left as they are (default true).</param>
    /// <param name="maximumRetained">The most idle engines kept, ≥ 1 (default null: 2 × the processor count).</param>
    /// <param name="inputSchemaDefinition">The example's member → column mapping (default null: derived).</param>
    /// <param name="outputSchemaDefinition">The prediction's member → column mapping (default null: derived).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumRetained"/> is below 1.</exception>
    /// <exception cref="SchemaMismatchException">The pipeline cannot read the example's columns, or a prediction member does not suit its column.</exception>
    public PredictionEnginePool(ITransformer model, bool ignoreMissingColumns = true, int? maximumRetained = null,
        SchemaDefinition? inputSchemaDefinition = null, SchemaDefinition? outputSchemaDefinition = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maximumRetained is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumRetained), maximumRetained, $"{nameof(maximumRetained)}: expected ≥ 1, got {maximumRetained}.");
        }

        _model = model;
        _ignoreMissingColumns = ignoreMissingColumns;
        _inputSchemaDefinition = inputSchemaDefinition;
        _outputSchemaDefinition = outputSchemaDefinition;
        _maximumRetained = maximumRetained ?? 2 * Environment.ProcessorCount;
        ReturnPredictionEngine(CreateEngine());
    }

    /// <summary>The model the pooled engines apply.</summary>
    /// <returns>The model.</returns>
    public ITransformer GetModel() => _model;

    /// <summary>Rents an engine (an idle one, or a new one); give it back with <see cref="ReturnPredictionEngine"/>.</summary>
    /// <returns>An engine used by no other thread.</returns>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    public PredictionEngine<TData, TPrediction> GetPredictionEngine()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var engine))
        {
            Interlocked.Decrement(ref _idleCount);
            return engine;
        }

        return CreateEngine();
    }

    /// <summary>Returns a rented engine; it is kept for reuse, or disposed when enough are idle.</summary>
    /// <param name="engine">An engine rented from this pool.</param>
    /// <exception cref="ArgumentException">The engine does not come from this pool.</exception>
    public void ReturnPredictionEngine(PredictionEngine<TData, TPrediction> engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!ReferenceEquals(engine.Owner, this))
        {
            throw new ArgumentException($"{nameof(engine)}: expected an engine rented from this pool, got another.", nameof(engine));
        }

        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _maximumRetained)
        {
            _idle.Add(engine);
            return;
        }

        if (!_disposed)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        engine.Dispose();
    }

    /// <summary>Predicts for <paramref name="example"/> with a rented engine; safe to call from any number of threads.</summary>
    /// <param name="example">The example.</param>
    /// <returns>A new prediction.</returns>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    public TPrediction Predict(TData example)
    {
        var engine = GetPredictionEngine();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            ReturnPredictionEngine(engine);
        }
    }

    /// <summary>Disposes the idle engines; engines still rented are disposed when returned.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }

    private PredictionEngine<TData, TPrediction> CreateEngine()
        => new(_model, _ignoreMissingColumns, _inputSchemaDefinition, _outputSchemaDefinition) { Owner = this };
}
