using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>Copies a column under a new name (ML.NET's ColumnCopyingTransformer); see <see cref="ColumnCopyingEstimator"/>.</summary>
public sealed class ColumnCopyingTransformer : OneToOneTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "ColumnCopyingTransformer";

    internal ColumnCopyingTransformer(string outputColumnName, string inputColumnName)
        : base(outputColumnName, inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
    }

    private protected override string Kind => KindName;

    private protected override OutputColumn GetOutputColumn(DataViewSchema inputSchema)
    {
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, InputColumnName, "any type", _ => true);
        return new OutputColumn(OutputColumnName, input.Type, input.Annotations);
    }

    private protected override Delegate CreateGetter(DataViewRow input, DataViewSchema.Column inputColumn)
        => ItemTypes.Dispatch(ItemTypes.ItemOf(inputColumn.Type), new PassThrough(input, inputColumn));

    internal static ColumnCopyingTransformer Load(ModelLoadContext context)
    {
        var (output, input) = LoadColumnNames(context);
        return new ColumnCopyingTransformer(output, input);
    }

    /// <summary>The source column's own getter, typed as its raw type (T or VBuffer&lt;T&gt;).</summary>
    private readonly struct PassThrough(DataViewRow row, DataViewSchema.Column column) : IItemTypeFunc<Delegate>
    {
        public Delegate Invoke<T>()
            where T : notnull
            => column.Type is VectorDataViewType ? row.GetGetter<VBuffer<T>>(column) : row.GetGetter<T>(column);
    }
}
