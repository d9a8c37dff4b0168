using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// Maps values to the keys learned by <see cref="ValueToKeyMappingEstimator"/> (ML.NET's
/// ValueToKeyMappingTransformer): key = 1 + the value's index in the learned list, 0 for a value not in it.
/// </summary>
public sealed class ValueToKeyMappingTransformer : OneToOneTransformerBase
{
    /// <summary>The kind name in model files.</summary>
    public const string KindName = "ValueToKeyMappingTransformer";

    private readonly KeyValueMap _map;
    private readonly bool _keyValuesAsText;

    internal ValueToKeyMappingTransformer(string outputColumnName, string inputColumnName, KeyValueMap map, bool keyValuesAsText)
        : base(outputColumnName, inputColumnName)
    {
        _map = map;
        _keyValuesAsText = keyValuesAsText;
    }

    /// <summary>The number of keys (distinct values learned).</summary>
    public int KeyCount => _map.Count;

    private protected override string Kind => KindName;

    private protected override OutputColumn GetOutputColumn(DataViewSchema inputSchema)
    {
        var itemType = _map.ItemType;
        var input = SchemaMismatchException.Check(nameof(inputSchema), inputSchema, InputColumnName, $"{itemType} or a vector of {itemType}",
            type => ItemTypes.ItemOf(type).Equals(itemType));
        var keyType = new KeyDataViewType(typeof(uint), (ulong)_map.Count);
        return new OutputColumn(OutputColumnName, ItemTypes.WithItem(input.Type, keyType), _map.CreateAnnotations(_keyValuesAsText));
    }

    private protected override Delegate CreateGetter(DataViewRow input, DataViewSchema.Column inputColumn) => _map.CreateGetter(input, inputColumn);

    private protected override void SaveContents(ModelSaveContext context)
    {
        context.Manifest["keyValuesAsText"] = _keyValuesAsText;
        _map.Save(context);
    }

    internal static ValueToKeyMappingTransformer Load(ModelLoadContext context)
    {
        var (output, input) = LoadColumnNames(context);
        return new ValueToKeyMappingTransformer(output, input, KeyValueMap.Load(context), context.Get<bool>("keyValuesAsText"));
    }
}
