using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>Joins columns into one vector column (ML.NET's ColumnConcatenatingTransformer); see <see cref="ColumnConcatenatingEstimator"/>.</summary>
public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "ColumnConcatenatingTransformer";

    /// <summary>What the first input may be, in words.</summary>
    internal const string FirstExpected = "a scalar or vector of keys, String, Boolean or a number";

    private readonly string _outputColumnName;
    private readonly string[] _inputColumnNames;

    internal ColumnConcatenatingTransformer(string outputColumnName, string[] inputColumnNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentNullException.ThrowIfNull(inputColumnNames);
        if (inputColumnNames.Length == 0 || inputColumnNames.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"{nameof(inputColumnNames)}: expected one or more non-empty names, got [{string.Join(", ", inputColumnNames.Select(n => $"'{n}'"))}].", nameof(inputColumnNames));
        }

        _outputColumnName = outputColumnName;
        _inputColumnNames = [.. inputColumnNames];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var inputs = CheckInputs(inputSchema);
        var itemType = (PrimitiveDataViewType)ItemTypes.ItemOf(inputs[0].Type);
        bool variable = inputs.Any(c => c.Type is VectorDataViewType { IsKnownSize: false });
        int size = variable ? 0 : inputs.Sum(c => c.Type is VectorDataViewType vector ? vector.Size : 1);
        return [new OutputColumn(_outputColumnName, new VectorDataViewType(itemType, size), itemType is KeyDataViewType ? inputs[0].Annotations : null)];
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<DataViewSchema.Column> GetDependencies(DataViewSchema inputSchema, int outputIndex)
        => _inputColumnNames.Select(name => inputSchema[name]);

    /// <inheritdoc/>
    protected internal override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
    {
        if (!isOutputActive(0))
        {
            return [null];
        }

        var inputs = CheckInputs(input.Schema);
        return [ItemTypes.Dispatch(ItemTypes.ItemOf(inputs[0].Type), new GetterFactory(input, inputs))];
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetKind(KindName, 1);
        context.Manifest["outputColumnName"] = _outputColumnName;
        context.Manifest["inputColumnNames"] = JsonSerializer.SerializeToNode(_inputColumnNames);
    }

    internal static ColumnConcatenatingTransformer Load(ModelLoadContext context)
    {
        context.CheckVersion(1);
        return new ColumnConcatenatingTransformer(context.Get<string>("outputColumnName"), context.Get<string[]>("inputColumnNames"));
    }

    private DataViewSchema.Column[] CheckInputs(DataViewSchema schema)
    {
        var first = SchemaMismatchException.Check("inputSchema", schema, _inputColumnNames[0], FirstExpected,
            type => ItemTypes.IsValue(ItemTypes.ItemOf(type)) || ItemTypes.ItemOf(type) is KeyDataViewType);
        var itemType = ItemTypes.ItemOf(first.Type);
        return [first, .. _inputColumnNames.Skip(1).Select(name => SchemaMismatchException.Check("inputSchema", schema, name,
            $"{itemType} or a vector of {itemType}", type => ItemTypes.ItemOf(type).Equals(itemType)))];
    }

    private readonly struct GetterFactory(DataViewRow row, DataViewSchema.Column[] inputs) : IItemTypeFunc<Delegate>
    {
        public Delegate Invoke<T>()
            where T : notnull
        {
            var source = row;
            var getters = inputs.Select(column => ColumnItems.Create<T>(source, column)).ToArray();
            return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) =>
            {
                var array = VBuffer<T>.GetWritableArray(value, 16);
                int length = 0;
                foreach (var getter in getters)
                {
                    var items = getter();
                    if (array.Length < length + items.Length)
                    {
                        Array.Resize(ref array, Math.Max(2 * array.Length, length + items.Length));
                    }

                    items.CopyTo(array.AsSpan(length));
                    length += items.Length;
                }

                value = new VBuffer<T>(length, array);
            });
        }
    }
}
