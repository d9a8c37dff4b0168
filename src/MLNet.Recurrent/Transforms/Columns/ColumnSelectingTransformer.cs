using System.Text.Json;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Keeps or drops columns (ML.NET's ColumnSelectingTransformer). Keeping lists the named columns in the order given
/// (with <c>keepHidden</c>, also the hidden columns of those names, in schema order); dropping removes every
/// column of the named names, hidden ones included, and keeps the rest in schema order. The result is a lazy view:
/// rows are read from the input only when a cursor moves, and only for the columns asked for.
/// </summary>
public sealed class ColumnSelectingTransformer : ITransformer
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "ColumnSelectingTransformer";

    private readonly string[] _columnNames;
    private readonly bool _keep;
    private readonly bool _keepHidden;

    internal ColumnSelectingTransformer(string[] columnNames, bool keep, bool keepHidden)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        if (columnNames.Length == 0 || columnNames.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"{nameof(columnNames)}: expected one or more non-empty names, got [{string.Join(", ", columnNames.Select(n => $"'{n}'"))}].", nameof(columnNames));
        }

        _columnNames = [.. columnNames];
        _keep = keep;
        _keepHidden = keepHidden;
    }

    /// <summary>Always true: each output row is the input row with fewer columns.</summary>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => ColumnSelectingDataView.SelectSchema(inputSchema, InputIndices(inputSchema));

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ColumnSelectingDataView(input, InputIndices(input.Schema));
    }

    /// <summary>The output shape: the kept columns in the order given, or the input less the dropped ones.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="SchemaMismatchException">A named column is missing.</exception>
    internal SchemaShape GetOutputShape(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckPresent(inputSchema.Select(c => c.Name));
        return _keep
            ? new SchemaShape(_columnNames.Select(name => inputSchema.First(c => c.Name == name)))
            : new SchemaShape(inputSchema.Where(c => !_columnNames.Contains(c.Name)));
    }

    /// <inheritdoc/>
    public void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(KindName, 1);
        context.Manifest["columnNames"] = JsonSerializer.SerializeToNode(_columnNames);
        context.Manifest["keep"] = _keep;
        context.Manifest["keepHidden"] = _keepHidden;
    }

    internal static ColumnSelectingTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        return new ColumnSelectingTransformer(context.Get<string[]>("columnNames"), context.Get<bool>("keep"), context.Get<bool>("keepHidden"));
    }

    private int[] InputIndices(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckPresent(inputSchema.Where(c => !c.IsHidden).Select(c => c.Name));
        return _keep
            ? _columnNames.SelectMany(name => inputSchema.Where(c => c.Name == name && (_keepHidden || !c.IsHidden)).Select(c => c.Index)).ToArray()
            : inputSchema.Where(c => !_columnNames.Contains(c.Name)).Select(c => c.Index).ToArray();
    }

    private void CheckPresent(IEnumerable<string> available)
    {
        var names = available.ToHashSet(StringComparer.Ordinal);
        if (_columnNames.FirstOrDefault(name => !names.Contains(name)) is { } missing)
        {
            throw new SchemaMismatchException("inputSchema", missing, "a column to " + (_keep ? "keep" : "drop"), "missing");
        }
    }
}
