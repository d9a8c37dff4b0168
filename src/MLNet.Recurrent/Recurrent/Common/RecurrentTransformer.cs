using MLNet.Recurrent.Data;
using MLNet.Recurrent.Engine.Autograd;
using MLNet.Recurrent.Engine.Nn;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Base of the fitted recurrent transformers: it holds the trained network (<see cref="Model"/>), the feature layout
/// and its standardisation, and the <see cref="TrainingHistory"/>; <see cref="Transform"/> appends the prediction
/// columns lazily, predicting <see cref="PredictionBatchSize"/> rows per forward pass.
/// </summary>
/// <remarks>
/// Transformers are immutable and may transform from several threads at once: the network stays in evaluation mode
/// (no dropout) and predictions run without recording gradients.
/// </remarks>
public abstract class RecurrentTransformer : RowToRowTransformerBase
{
    /// <summary>Rows predicted per forward pass when transforming.</summary>
    public const int DefaultPredictionBatchSize = 64;

    private protected RecurrentTransformer(TransformerParts parts)
    {
        FeatureColumnName = parts.FeatureColumnName;
        Input = parts.Input;
        Scaling = parts.Scaling;
        TrainingHistory = parts.History;
    }

    /// <summary>The feature column read (a key sequence or a Single sequence, as in training).</summary>
    public string FeatureColumnName { get; }

    /// <summary>Whether the features are token keys or feature vectors.</summary>
    public SequenceInputKind InputKind => Input.Kind;

    /// <summary>The trained network (an engine <see cref="Module"/>: parameters, state dict, diagnostics). Do not change it.</summary>
    public abstract Module Model { get; }

    /// <summary>The loss curve, validation metrics, stop reason and (after fitting) gradient norms and diagnostics.</summary>
    public RecurrentTrainingHistory TrainingHistory { get; }

    /// <summary>
    /// Rows read ahead and predicted together by <see cref="Transform"/>'s cursors (a serving setting, not saved with
    /// the model). Larger blocks amortise the per-pass cost; each block is padded to its longest sequence. Default 64.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int PredictionBatchSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(PredictionBatchSize));
            field = value;
        }
    } = DefaultPredictionBatchSize;

    internal SequenceInput Input { get; }

    internal FeatureScaling? Scaling { get; }

    /// <inheritdoc/>
    /// <remarks>Lazy: nothing is predicted until a cursor reads a prediction column; then rows are predicted in blocks of <see cref="PredictionBatchSize"/>.</remarks>
    public override IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new BatchedPredictionView(input, this);
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
        => [CheckFeatures(nameof(inputSchema), inputSchema)];

    /// <inheritdoc/>
    /// <remarks>Row by row (a block of one row per read): used when the transformer is driven through the base class's view.</remarks>
    protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
    {
        var read = Input.CreateReader(input, CheckFeatures(nameof(input), input.Schema));
        var predictor = CreateBlockPredictor();
        long predicted = -1;
        return predictor.CreateGetters(() =>
        {
            if (input.Position != predicted)
            {
                predictor.Predict([read()]);
                predicted = input.Position;
            }

            return 0;
        }, isOutputActive);
    }

    /// <summary>A predictor for one cursor.</summary>
    /// <returns>A new block predictor.</returns>
    internal abstract BlockPredictor CreateBlockPredictor();

    /// <summary>Finds the feature column and checks it matches training.</summary>
    /// <param name="paramName">The argument that carried the schema.</param>
    /// <param name="schema">The schema.</param>
    /// <returns>The column.</returns>
    /// <exception cref="SchemaMismatchException">Missing or mistyped.</exception>
    internal DataViewSchema.Column CheckFeatures(string paramName, DataViewSchema schema) => Input.Check(paramName, schema, FeatureColumnName);

    /// <summary>Pads <paramref name="rows"/> into a batch (standardising Single features).</summary>
    /// <param name="rows">At least one row.</param>
    /// <returns>The batch.</returns>
    private protected SequenceBatch Collate(IReadOnlyList<FeatureSequence> rows) => SequenceBatch.Collate(rows, Scaling);

    /// <summary>Reads the feature column of every row of <paramref name="data"/> (for methods that inspect predictions, such as attention weights).</summary>
    /// <param name="data">The rows.</param>
    /// <returns>The sequences, in row order.</returns>
    /// <exception cref="SchemaMismatchException">The feature column is missing or differs from training.</exception>
    private protected List<FeatureSequence> ReadFeatures(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = CheckFeatures(nameof(data), data.Schema);
        using var cursor = data.GetRowCursor([column]);
        var read = Input.CreateReader(cursor, column);
        var rows = new List<FeatureSequence>();
        while (cursor.MoveNext())
        {
            rows.Add(read());
        }

        return rows;
    }

    /// <summary>Runs <paramref name="forward"/> over <paramref name="rows"/> in blocks of <see cref="PredictionBatchSize"/> without recording gradients.</summary>
    /// <typeparam name="TResult">One row's result.</typeparam>
    /// <param name="rows">The rows.</param>
    /// <param name="forward">Predicts one block.</param>
    /// <returns>The results, in row order.</returns>
    private protected List<TResult> InBlocks<TResult>(IReadOnlyList<FeatureSequence> rows, Func<IReadOnlyList<FeatureSequence>, TResult[]> forward)
    {
        var results = new List<TResult>(rows.Count);
        for (int start = 0; start < rows.Count; start += PredictionBatchSize)
        {
            results.AddRange(NoGrad(forward, rows.Skip(start).Take(PredictionBatchSize).ToList()));
        }

        return results;
    }

    /// <summary>Calls <paramref name="forward"/> without recording gradients.</summary>
    private protected static TResult[] NoGrad<TResult>(Func<IReadOnlyList<FeatureSequence>, TResult[]> forward, IReadOnlyList<FeatureSequence> rows)
    {
        using (GradMode.NoGrad())
        {
            return forward(rows);
        }
    }
}
