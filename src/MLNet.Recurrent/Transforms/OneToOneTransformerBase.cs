using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Base of transformers that compute one output column from one input column (ML.NET's OneToOneTransformerBase):
/// it holds the two names, declares the dependency, skips inactive outputs, and writes the names when saving.
/// </summary>
public abstract class OneToOneTransformerBase : RowToRowTransformerBase
{
    /// <summary>Creates the base.</summary>
    /// <param name="outputColumnName">The column to create (not empty).</param>
    /// <param name="inputColumnName">The column read; null or empty means <paramref name="outputColumnName"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    private protected OneToOneTransformerBase(string outputColumnName, string? inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        OutputColumnName = outputColumnName;
        InputColumnName = string.IsNullOrEmpty(inputColumnName) ? outputColumnName : inputColumnName;
    }

    /// <summary>The column this transformer creates.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column it reads.</summary>
    public string InputColumnName { get; }

    /// <summary>The kind name and format version written by <see cref="Save"/>.</summary>
    private protected abstract string Kind { get; }

    /// <inheritdoc/>
    protected internal sealed override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema) => [GetOutputColumn(inputSchema)];

    /// <inheritdoc/>
    protected internal sealed override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
        => [inputSchema[InputColumnName]];

    /// <inheritdoc/>
    protected internal sealed override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        => [isOutputActive(0) ? CreateGetter(input, input.Schema[InputColumnName]) : null];

    /// <summary>Writes the kind (version 1), the two column names, then <see cref="SaveContents"/>.</summary>
    /// <param name="context">Where to write.</param>
    public sealed override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(Kind, 1);
        context.Manifest["outputColumnName"] = OutputColumnName;
        context.Manifest["inputColumnName"] = InputColumnName;
        SaveContents(context);
    }

    /// <summary>The output column, after checking the input column in <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The output's name, type and annotations.</returns>
    /// <exception cref="SchemaMismatchException">The input column is missing or has the wrong type.</exception>
    private protected abstract OutputColumn GetOutputColumn(DataViewSchema inputSchema);

    /// <summary>The getter of the output (a <see cref="ValueGetter{TValue}"/> of its raw type), reading <paramref name="inputColumn"/>.</summary>
    /// <param name="input">The input row.</param>
    /// <param name="inputColumn">The input column in <paramref name="input"/>'s schema.</param>
    /// <returns>The getter.</returns>
    private protected abstract Delegate CreateGetter(DataViewRow input, DataViewSchema.Column inputColumn);

    /// <summary>Writes what the subclass learned or was configured with (the names are already written).</summary>
    /// <param name="context">Where to write.</param>
    private protected virtual void SaveContents(ModelSaveContext context)
    {
    }

    /// <summary>Checks the version (1) and reads the two column names written by <see cref="Save"/>.</summary>
    /// <param name="context">Where to read.</param>
    /// <returns>The output and input column names.</returns>
    /// <exception cref="ModelFormatException">Another version or a missing name.</exception>
    private protected static (string Output, string Input) LoadColumnNames(ModelLoadContext context)
    {
        context.CheckVersion(1);
        return (context.Get<string>("outputColumnName"), context.Get<string>("inputColumnName"));
    }
}
