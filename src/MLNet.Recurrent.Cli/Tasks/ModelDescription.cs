using MLNet.Recurrent.Cli.Errors;
using MLNet.Recurrent.Cli.Input;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Transforms;
using MLNet.Recurrent.Transforms.Text;

namespace MLNet.Recurrent.Cli.Tasks;

/// <summary>
/// What a trained pipeline does and which raw columns it reads, read off its transformers (the model file format is
/// the library's, unchanged): the last recurrent transformer gives the task; the tokenizer feeding it gives the text
/// column; the <c>MapValueToKey</c> that writes "Label" gives the class column; the sliding-window transformer gives
/// the series, W and H; the saved input schema gives the column types and a regression's label column.
/// </summary>
/// <remarks>
/// The same description serves a model just trained and one loaded from a file, so <c>train</c>, <c>evaluate</c> and
/// <c>predict</c> score the same way. Pipelines saved by the library's samples with the conventional column names
/// ("Label", "Features", "Window", "Horizon") are understood too.
/// </remarks>
internal sealed class ModelDescription
{
    private readonly DataViewSchema? _inputSchema;

    private ModelDescription(TaskKind kind, ITransformer model, ITransformer predictor, RecurrentTransformer recurrent, DataViewSchema? inputSchema)
    {
        Kind = kind;
        Model = model;
        Predictor = predictor;
        Recurrent = recurrent;
        _inputSchema = inputSchema;
    }

    /// <summary>The task.</summary>
    public TaskKind Kind { get; }

    /// <summary>The whole pipeline (reads the label too: what <c>evaluate</c> applies).</summary>
    public ITransformer Model { get; }

    /// <summary>The pipeline without the label's key mapping, so it needs only the text (what <c>predict</c> applies).</summary>
    public ITransformer Predictor { get; }

    /// <summary>The recurrent transformer at the heart of the pipeline.</summary>
    public RecurrentTransformer Recurrent { get; }

    /// <summary>The label column of the raw data (classification, regression); null when the model does not record it.</summary>
    public string? LabelColumn { get; private init; }

    /// <summary>The text column (classification, regression).</summary>
    public string? TextColumn { get; private init; }

    /// <summary>The windowing (forecasting): series column, W, H.</summary>
    public SlidingWindowTransformer? Windowing { get; private init; }

    /// <summary>The classes, class k − 1 being key k (classification).</summary>
    public IReadOnlyList<string> ClassNames { get; private init; } = [];

    /// <summary>Reads the description off a pipeline.</summary>
    /// <param name="model">The fitted pipeline (usually a transformer chain).</param>
    /// <param name="inputSchema">The schema it was saved with, or null.</param>
    /// <returns>The description.</returns>
    /// <exception cref="CliDataException">The pipeline is not one this tool can use; the message says what was expected and found.</exception>
    public static ModelDescription Inspect(ITransformer model, DataViewSchema? inputSchema)
    {
        var transformers = Flatten(model).ToList();
        string found = transformers.Count == 0 ? "an empty pipeline" : string.Join(" → ", transformers.Select(t => t.GetType().Name));
        var recurrent = transformers.OfType<RecurrentTransformer>().LastOrDefault()
            ?? throw new CliDataException($"--model: expected a pipeline with a recurrent classifier, regressor or forecaster, got {found}.");
        switch (recurrent)
        {
            case SequenceClassificationTransformer { IsBinary: false, ClassNames: { } classes } classifier:
                var labelMapper = transformers.OfType<ValueToKeyMappingTransformer>().FirstOrDefault(t => t.OutputColumnName == PipelineColumns.Label);
                return new ModelDescription(TaskKind.Classification, model,
                    labelMapper is null ? model : new TransformerChain<ITransformer>([.. transformers.Where(t => !ReferenceEquals(t, labelMapper))]),
                    classifier, inputSchema)
                {
                    TextColumn = TextColumnOf(transformers, classifier, found),
                    LabelColumn = labelMapper?.InputColumnName,
                    ClassNames = classes,
                };
            case SequenceRegressionTransformer regressor:
                string text = TextColumnOf(transformers, regressor, found);
                return new ModelDescription(TaskKind.Regression, model, model, regressor, inputSchema)
                {
                    TextColumn = text,
                    LabelColumn = inputSchema?.Where(c => !c.IsHidden && c.Name != text && c.Type is NumberDataViewType).Select(c => c.Name).SingleOrDefault(),
                };
            case RecurrentForecastingTransformer forecaster:
                var windowing = transformers.OfType<SlidingWindowTransformer>().FirstOrDefault(w => w.WindowColumnName == forecaster.FeatureColumnName);
                if (windowing is null || windowing.FeatureColumnNames.Any(name => name != windowing.TargetColumnName))
                {
                    throw new CliDataException($"--model: expected a univariate sliding window before the forecaster, got {found}.");
                }

                return new ModelDescription(TaskKind.Forecasting, model, model, forecaster, inputSchema) { Windowing = windowing };
            default:
                throw new CliDataException($"--model: expected a multiclass classifier, a regressor or a forecaster, got {found}.");
        }
    }

    /// <summary>The raw columns <c>evaluate</c> reads: label and text, or the series.</summary>
    /// <returns>The columns with the types the model was trained on.</returns>
    /// <exception cref="CliDataException">The model does not record its label column.</exception>
    public IReadOnlyList<FileColumn> EvaluationColumns()
    {
        if (Kind == TaskKind.Forecasting)
        {
            return PredictionColumns();
        }

        string label = LabelColumn ?? throw new CliDataException("--model: expected a model that records its label column (saved by mlnet-recurrent train), got one that does not; it can predict but not evaluate.");
        return [Column(label, "the model's label column", Kind == TaskKind.Classification ? DataKind.String : DataKind.Single), .. PredictionColumns()];
    }

    /// <summary>The raw columns <c>predict</c> reads: the text, or the series.</summary>
    /// <returns>The columns with the types the model was trained on.</returns>
    public IReadOnlyList<FileColumn> PredictionColumns()
        => Kind == TaskKind.Forecasting
            ? [Column(Windowing!.TargetColumnName, "the model's series column", DataKind.Single)]
            : [Column(TextColumn!, "the model's text column", DataKind.String)];

    /// <summary>A short description, e.g. "classification of 'Language' (6 classes) from 'Word'".</summary>
    /// <returns>The description.</returns>
    public string Describe() => Kind switch
    {
        TaskKind.Classification => $"classification of '{LabelColumn ?? "?"}' ({ClassNames.Count} classes) from '{TextColumn}'",
        TaskKind.Regression => $"regression of '{LabelColumn ?? "?"}' from '{TextColumn}'",
        _ => $"forecasting of '{Windowing!.TargetColumnName}': {Windowing.WindowSize} past values → next {Windowing.Horizon}",
    };

    /// <summary>The transformers of a pipeline in order, nested chains opened.</summary>
    private static IEnumerable<ITransformer> Flatten(ITransformer model)
        => model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    /// <summary>The input column of the tokenizer that writes the recurrent transformer's features.</summary>
    private static string TextColumnOf(List<ITransformer> transformers, RecurrentTransformer recurrent, string found)
        => transformers.OfType<TokenizingTransformer>().LastOrDefault(t => t.OutputColumnName == recurrent.FeatureColumnName)?.InputColumnName
            ?? throw new CliDataException($"--model: expected a text tokenizer writing '{recurrent.FeatureColumnName}' before the recurrent model, got {found}.");

    /// <summary>A raw column with the type recorded in the saved input schema (or <paramref name="fallback"/>).</summary>
    private FileColumn Column(string name, string role, DataKind fallback)
        => new(name, _inputSchema?.GetColumnOrNull(name)?.Type switch
        {
            TextDataViewType => DataKind.String,
            BooleanDataViewType => DataKind.Boolean,
            NumberDataViewType number when number == NumberDataViewType.Double => DataKind.Double,
            NumberDataViewType number when number == NumberDataViewType.Int32 => DataKind.Int32,
            NumberDataViewType number when number == NumberDataViewType.Int64 => DataKind.Int64,
            NumberDataViewType number when number == NumberDataViewType.UInt32 => DataKind.UInt32,
            NumberDataViewType => DataKind.Single,
            _ => fallback,
        }, role);
}
