using System.Text.Json;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>
/// The learned mapping of a <see cref="ValueToKeyMappingTransformer"/>: value i (0-based) has key i + 1, and a value
/// not in the map (or missing) has key 0. Built by one pass over the data; saved as the list of values.
/// </summary>
internal abstract class KeyValueMap
{
    /// <summary>The type of the mapped values.</summary>
    public abstract PrimitiveDataViewType ItemType { get; }

    /// <summary>The number of values (= the number of keys).</summary>
    public abstract int Count { get; }

    /// <summary>The <see cref="AnnotationKinds.KeyValues"/> of the output column: the values, or their text.</summary>
    /// <param name="asText">Whether to give the values as text whatever their type.</param>
    /// <returns>The annotations.</returns>
    public abstract Annotations CreateAnnotations(bool asText);

    /// <summary>A getter mapping <paramref name="input"/>'s values to keys: a uint getter for a scalar, a VBuffer&lt;uint&gt; getter for a vector.</summary>
    /// <param name="row">The input row.</param>
    /// <param name="input">The column of values (of <see cref="ItemType"/>).</param>
    /// <returns>The getter.</returns>
    public abstract Delegate CreateGetter(DataViewRow row, DataViewSchema.Column input);

    /// <summary>Writes the item type and the values into the manifest.</summary>
    /// <param name="context">Where to write.</param>
    public abstract void Save(ModelSaveContext context);

    /// <summary>Reads a map written by <see cref="Save"/>.</summary>
    /// <param name="context">Where to read.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ModelFormatException">An unknown item type, or values of another type.</exception>
    public static KeyValueMap Load(ModelLoadContext context)
    {
        var itemType = ItemTypes.FromName(context.Get<string>("itemType"), context.Path);
        return ItemTypes.Dispatch(itemType, new Loader(context, itemType));
    }

    /// <summary>Learns the values of <paramref name="column"/> (scalar or vector) in one pass over <paramref name="data"/>.</summary>
    /// <param name="data">The data.</param>
    /// <param name="column">A column of values.</param>
    /// <param name="maximumNumberOfKeys">Values after this many distinct ones are not added (the pass stops once full).</param>
    /// <param name="keyOrdinality">First-occurrence order, or sorted by value (ordinal for text).</param>
    /// <returns>The map.</returns>
    public static KeyValueMap Learn(IDataView data, DataViewSchema.Column column, int maximumNumberOfKeys, ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality)
        => ItemTypes.Dispatch(ItemTypes.ItemOf(column.Type), new Learner(data, column, maximumNumberOfKeys, keyOrdinality));

    private readonly struct Learner(IDataView data, DataViewSchema.Column column, int maximum, ValueToKeyMappingEstimator.KeyOrdinality ordinality)
        : IItemTypeFunc<KeyValueMap>
    {
        public KeyValueMap Invoke<T>()
            where T : notnull
        {
            var seen = new HashSet<T>(ItemTypes.EqualityComparer<T>());
            var values = new List<T>();
            int maximumCount = maximum;
            ColumnItems.ForEachRow(data, column, long.MaxValue, (ReadOnlySpan<T> items) =>
            {
                foreach (var item in items)
                {
                    if (!ItemTypes.IsMissing(item) && !seen.Contains(item))
                    {
                        var owned = ItemTypes.Own(item);
                        seen.Add(owned);
                        values.Add(owned);
                        if (values.Count == maximumCount)
                        {
                            return false;
                        }
                    }
                }

                return true;
            });

            if (ordinality == ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            {
                values.Sort(ItemTypes.Comparer<T>());
            }

            return new KeyValueMap<T>((PrimitiveDataViewType)ItemTypes.ItemOf(column.Type), [.. values]);
        }
    }

    private readonly struct Loader(ModelLoadContext context, PrimitiveDataViewType itemType) : IItemTypeFunc<KeyValueMap>
    {
        public KeyValueMap Invoke<T>()
            where T : notnull
        {
            T[] values = typeof(T) == typeof(ReadOnlyMemory<char>)
                ? (T[])(object)context.Get<string[]>("values").Select(s => s.AsMemory()).ToArray()
                : context.Get<T[]>("values");
            if (values.Distinct(ItemTypes.EqualityComparer<T>()).Count() != values.Length || values.Any(ItemTypes.IsMissing))
            {
                throw new ModelFormatException(context.Path, "field 'values' must hold distinct, non-missing values.");
            }

            return new KeyValueMap<T>(itemType, values);
        }
    }
}

/// <summary>The <see cref="KeyValueMap"/> of values of raw type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value raw type.</typeparam>
internal sealed class KeyValueMap<T> : KeyValueMap
    where T : notnull
{
    private readonly T[] _values;
    private readonly Dictionary<T, uint> _keys;

    /// <summary>Creates the map of <paramref name="values"/>; value i gets key i + 1.</summary>
    /// <param name="itemType">The values' type.</param>
    /// <param name="values">Distinct values in key order.</param>
    public KeyValueMap(PrimitiveDataViewType itemType, T[] values)
    {
        ItemType = itemType;
        _values = values;
        _keys = new Dictionary<T, uint>(values.Length, ItemTypes.EqualityComparer<T>());
        for (int i = 0; i < values.Length; i++)
        {
            _keys[values[i]] = (uint)i + 1;
        }
    }

    /// <inheritdoc/>
    public override PrimitiveDataViewType ItemType { get; }

    /// <inheritdoc/>
    public override int Count => _values.Length;

    /// <summary>The key of <paramref name="value"/>, or 0 when it is not in the map.</summary>
    /// <param name="value">A value.</param>
    /// <returns>1 … <see cref="Count"/>, or 0.</returns>
    public uint GetKey(T value) => _keys.TryGetValue(value, out uint key) ? key : 0;

    /// <inheritdoc/>
    public override Annotations CreateAnnotations(bool asText)
    {
        if (asText || typeof(T) == typeof(ReadOnlyMemory<char>))
        {
            return Annotations.ForKeyValues(_values.Select(ItemTypes.ToText).ToArray());
        }

        var type = new VectorDataViewType(ItemType, _values.Length);
        return new Annotations(new Dictionary<string, (DataViewType, object)>
        {
            [AnnotationKinds.KeyValues] = (type, new VBuffer<T>(_values.Length, _values)),
        });
    }

    /// <inheritdoc/>
    public override Delegate CreateGetter(DataViewRow row, DataViewSchema.Column input)
    {
        if (input.Type is VectorDataViewType)
        {
            var items = ColumnItems.Create<T>(row, input);
            return (ValueGetter<VBuffer<uint>>)((ref VBuffer<uint> keys) =>
            {
                var values = items();
                var array = VBuffer<uint>.GetWritableArray(keys, values.Length);
                for (int i = 0; i < values.Length; i++)
                {
                    array[i] = GetKey(values[i]);
                }

                keys = new VBuffer<uint>(values.Length, array);
            });
        }

        var getter = row.GetGetter<T>(input);
        T value = default!;
        return (ValueGetter<uint>)((ref uint key) =>
        {
            getter(ref value);
            key = GetKey(value);
        });
    }

    /// <inheritdoc/>
    public override void Save(ModelSaveContext context)
    {
        context.Manifest["itemType"] = ItemTypes.NameOf(ItemType);
        context.Manifest["values"] = typeof(T) == typeof(ReadOnlyMemory<char>)
            ? JsonSerializer.SerializeToNode(_values.Select(ItemTypes.ToText).ToArray())
            : JsonSerializer.SerializeToNode(_values);
    }
}
