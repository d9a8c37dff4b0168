using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Cuts a series into (window, horizon) examples; see <see cref="SlidingWindowEstimator"/> for the layout. Not
/// row-to-row: <see cref="Transform"/> returns a lazy view with fewer rows, streamed through a ring buffer of
/// W + H rows.
/// </summary>
public sealed class SlidingWindowTransformer : ITransformer
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "SlidingWindowTransformer";

    /// <summary>What a feature column may be, in words.</summary>
    internal const string FeatureExpected = "Single or a fixed-size vector of Single";

    private readonly string[] _featureColumnNames;

    internal SlidingWindowTransformer(SlidingWindowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.TargetColumnName, $"{nameof(options)}.{nameof(options.TargetColumnName)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WindowSize, 1, $"{nameof(options)}.{nameof(options.WindowSize)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Horizon, 1, $"{nameof(options)}.{nameof(options.Horizon)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Stride, 1, $"{nameof(options)}.{nameof(options.Stride)}");
        ArgumentException.ThrowIfNullOrEmpty(options.WindowColumnName, $"{nameof(options)}.{nameof(options.WindowColumnName)}");
        ArgumentException.ThrowIfNullOrEmpty(options.HorizonColumnName, $"{nameof(options)}.{nameof(options.HorizonColumnName)}");
        if (options.WindowColumnName == options.HorizonColumnName)
        {
            throw new ArgumentException($"{nameof(options)}: expected different window and horizon column names, got '{options.WindowColumnName}' twice.", nameof(options));
        }

        string[] features = options.FeatureColumnNames ?? [options.TargetColumnName];
        if (features.Length == 0 || features.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"{nameof(options)}.{nameof(options.FeatureColumnNames)}: expected null or one or more non-empty names, got [{string.Join(", ", features.Select(n => $"'{n}'"))}].", nameof(options));
        }

        TargetColumnName = options.TargetColumnName;
        _featureColumnNames = [.. features];
        WindowSize = options.WindowSize;
        Horizon = options.Horizon;
        Stride = options.Stride;
        WindowColumnName = options.WindowColumnName;
        HorizonColumnName = options.HorizonColumnName;
    }

    /// <summary>Always false: the output has one row per window, not per input row.</summary>
    public bool IsRowToRowMapper => false;

    /// <summary>The series whose future values form the horizon.</summary>
    public string TargetColumnName { get; }

    /// <summary>The columns observed at each step, in window order.</summary>
    public IReadOnlyList<string> FeatureColumnNames => _featureColumnNames;

    /// <summary>W, the steps per window.</summary>
    public int WindowSize { get; }

    /// <summary>H, the future target values per example.</summary>
    public int Horizon { get; }

    /// <summary>Rows between consecutive windows.</summary>
    public int Stride { get; }

    /// <summary>The window column's name.</summary>
    public string WindowColumnName { get; }

    /// <summary>The horizon column's name.</summary>
    public string HorizonColumnName { get; }

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        var (_, _, featureCount) = CheckInput(inputSchema);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(WindowColumnName, new VectorDataViewType(NumberDataViewType.Single, WindowSize, featureCount));
        builder.AddColumn(HorizonColumnName, new VectorDataViewType(NumberDataViewType.Single, Horizon));
        return builder.ToSchema();
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (target, features, featureCount) = CheckInput(input.Schema);
        return new SlidingWindowDataView(input, this, GetOutputSchema(input.Schema), target, features, featureCount);
    }

    /// <summary>The number of examples a series of <paramref name="rowCount"/> rows gives: ⌊(n − W − H) / stride⌋ + 1, or 0.</summary>
    /// <param name="rowCount">n, the series length.</param>
    /// <returns>The number of examples.</returns>
    public long GetExampleCount(long rowCount)
        => rowCount < WindowSize + Horizon ? 0 : ((rowCount - WindowSize - Horizon) / Stride) + 1;

    /// <inheritdoc/>
    public void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(KindName, 1);
        context.Manifest["targetColumnName"] = TargetColumnName;
        context.Manifest["featureColumnNames"] = JsonSerializer.SerializeToNode(_featureColumnNames);
        context.Manifest["windowSize"] = WindowSize;
        context.Manifest["horizon"] = Horizon;
        context.Manifest["stride"] = Stride;
        context.Manifest["windowColumnName"] = WindowColumnName;
        context.Manifest["horizonColumnName"] = HorizonColumnName;
    }

    internal static SlidingWindowTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        try
        {
            return new SlidingWindowTransformer(new SlidingWindowOptions
            {
                TargetColumnName = context.Get<string>("targetColumnName"),
                FeatureColumnNames = context.Get<string[]>("featureColumnNames"),
                WindowSize = context.Get<int>("windowSize"),
                Horizon = context.Get<int>("horizon"),
                Stride = context.Get<int>("stride"),
                WindowColumnName = context.Get<string>("windowColumnName"),
                HorizonColumnName = context.Get<string>("horizonColumnName"),
            });
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(context.Path, $"invalid settings: {e.Message}", e);
        }
    }

    private (DataViewSchema.Column Target, DataViewSchema.Column[] Features, int FeatureCount) CheckInput(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var target = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, TargetColumnName, "Single", type => type == NumberDataViewType.Single);
        var features = _featureColumnNames.Select(name => SchemaMismatchException.Check(nameof(inputSchema), inputSchema, name, FeatureExpected,
            type => type == NumberDataViewType.Single || (type is VectorDataViewType { IsKnownSize: true } vector && vector.ItemType == NumberDataViewType.Single))).ToArray();
        return (target, features, features.Sum(c => c.Type is VectorDataViewType vector ? vector.Size : 1));
    }
}
