using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Maps keys to the values in the key column's <see cref="AnnotationKinds.KeyValues"/> annotation (ML.NET's
/// KeyToValueMappingTransformer); see <see cref="KeyToValueMappingEstimator"/>.
/// </summary>
public sealed class KeyToValueMappingTransformer : OneToOneTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "KeyToValueMappingTransformer";

    private const string Expected = "Key or a vector of keys, with a KeyValues annotation";

    /// <summary>Creates the transformer.</summary>
    /// <param name="outputColumnName">The column of values to create.</param>
    /// <param name="inputColumnName">The key column; null means <paramref name="outputColumnName"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="outputColumnName"/> is null or empty.</exception>
    internal KeyToValueMappingTransformer(string outputColumnName, string? inputColumnName)
        : base(outputColumnName, inputColumnName)
    {
    }

    private protected override string Kind => KindName;

    private protected override OutputColumn GetOutputColumn(DataViewSchema inputSchema)
    {
        var (input, valuesType) = CheckInput(inputSchema);
        return new OutputColumn(OutputColumnName, ItemTypes.WithItem(input.Type, valuesType.ItemType));
    }

    private protected override Delegate CreateGetter(DataViewRow input, DataViewSchema.Column inputColumn)
    {
        var (column, valuesType) = CheckInput(input.Schema);
        return ItemTypes.Dispatch(valuesType.ItemType, new GetterFactory(input, column));
    }

    internal static KeyToValueMappingTransformer Load(ModelLoadContext context)
    {
        var (output, input) = LoadColumnNames(context);
        return new KeyToValueMappingTransformer(output, input);
    }

    private (DataViewSchema.Column Column, VectorDataViewType ValuesType) CheckInput(DataViewSchema inputSchema)
    {
        var column = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, InputColumnName, Expected,
            type => ItemTypes.ItemOf(type) is KeyDataViewType);
        if (column.Annotations.GetTypeOrNull(AnnotationKinds.KeyValues) is not VectorDataViewType valuesType)
        {
            throw new SchemaMismatchException(nameof(inputSchema), InputColumnName, Expected, $"{column.Type} without KeyValues");
        }

        return (column, valuesType);
    }

    private readonly struct GetterFactory(DataViewRow row, DataViewSchema.Column column) : IItemTypeFunc<Delegate>
    {
        public Delegate Invoke<T>()
            where T : notnull
        {
            VBuffer<T> annotation = default;
            column.Annotations.GetValue(AnnotationKinds.KeyValues, ref annotation);
            var values = annotation.ToArray();
            var missing = ItemTypes.Missing<T>();
            if (column.Type is VectorDataViewType)
            {
                var keys = ColumnItems.Create<uint>(row, column);
                return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) =>
                {
                    var span = keys();
                    var array = VBuffer<T>.GetWritableArray(value, span.Length);
                    for (int i = 0; i < span.Length; i++)
                    {
                        array[i] = span[i] - 1 < (uint)values.Length ? values[span[i] - 1] : missing;
                    }

                    value = new VBuffer<T>(span.Length, array);
                });
            }

            var getter = row.GetGetter<uint>(column);
            uint key = 0;
            return (ValueGetter<T>)((ref T value) =>
            {
                getter(ref key);
                value = key - 1 < (uint)values.Length ? values[key - 1] : missing;
            });
        }
    }
}
