using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence.Archive;

namespace MLNet.Recurrent.Persistence.Schema;

/// <summary>
/// Annotation values (such as a key column's KeyValues) as JSON: a scalar as one JSON value, a vector as an array.
/// Numbers are JSON numbers written to round-trip exactly, with NaN and infinities as the strings "NaN",
/// "Infinity" and "-Infinity"; booleans are JSON booleans; text is a string; keys are their uint values.
/// </summary>
internal static class AnnotationValueJson
{
    private interface IItemVisitor<out TResult>
    {
        TResult Visit<T>(ItemCodec<T> codec);
    }

    /// <summary>Writes a value of <paramref name="type"/>.</summary>
    /// <param name="type">A type <see cref="ColumnTypeJson"/> can record.</param>
    /// <param name="value">The boxed value (an item, or a <see cref="VBuffer{T}"/> for a vector type).</param>
    /// <returns>The JSON, or null when <paramref name="value"/> is not of the type's raw type.</returns>
    public static JsonNode? Write(DataViewType type, object value)
        => type is VectorDataViewType vector
            ? Dispatch(vector.ItemType, new VectorWriter(value))
            : Dispatch((PrimitiveDataViewType)type, new ScalarWriter(value));

    /// <summary>Reads a value of <paramref name="type"/>.</summary>
    /// <param name="type">The annotation's recorded type.</param>
    /// <param name="node">The JSON.</param>
    /// <param name="entry">The entry, for messages.</param>
    /// <param name="at">The place in the entry, for messages.</param>
    /// <returns>The boxed value.</returns>
    /// <exception cref="ModelFormatException">The JSON does not hold a value of <paramref name="type"/>.</exception>
    public static object Read(DataViewType type, JsonNode? node, string entry, string at)
        => type is VectorDataViewType vector
            ? Dispatch(vector.ItemType, new VectorReader(node, vector.Size, entry, at))
            : Dispatch((PrimitiveDataViewType)type, new ScalarReader(node, entry, at));

    private static TResult Dispatch<TResult>(PrimitiveDataViewType item, IItemVisitor<TResult> visitor)
    {
        var raw = item.RawType;
        return raw == typeof(float) ? visitor.Visit(Codecs.Single)
            : raw == typeof(double) ? visitor.Visit(Codecs.Double)
            : raw == typeof(int) ? visitor.Visit(Codecs.Int32)
            : raw == typeof(long) ? visitor.Visit(Codecs.Int64)
            : raw == typeof(uint) ? visitor.Visit(Codecs.UInt32)
            : raw == typeof(bool) ? visitor.Visit(Codecs.Boolean)
            : raw == typeof(ReadOnlyMemory<char>) ? visitor.Visit(Codecs.Text)
            : throw new InvalidOperationException($"No JSON codec for {raw.Name}; ColumnTypeJson admits only the types listed here.");
    }

    private sealed record ItemCodec<T>(string Description, Func<T, JsonNode?> Encode, ItemCodec<T>.TryDecodeItem TryDecode)
    {
        public delegate bool TryDecodeItem(JsonNode? node, out T value);
    }

    private static class Codecs
    {
        public static readonly ItemCodec<float> Single = new("a Single", x => float.IsFinite(x) ? x : Special(x), TryReal<float>);
        public static readonly ItemCodec<double> Double = new("a Double", x => double.IsFinite(x) ? x : Special(x), TryReal<double>);
        public static readonly ItemCodec<int> Int32 = new("an Int32", x => x, TryNumber<int>);
        public static readonly ItemCodec<long> Int64 = new("an Int64", x => x, TryNumber<long>);
        public static readonly ItemCodec<uint> UInt32 = new("a UInt32", x => x, TryNumber<uint>);
        public static readonly ItemCodec<bool> Boolean = new("a Boolean", x => x, TryBoolean);
        public static readonly ItemCodec<ReadOnlyMemory<char>> Text = new("a string", x => x.ToString(), TryText);

        private static JsonNode Special<T>(T x)
            where T : IFormattable
            => JsonValue.Create(x.ToString(null, CultureInfo.InvariantCulture));

        private static bool TryNumber<T>(JsonNode? node, out T value)
        {
            value = default!;
            return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out value!);
        }

        private static bool TryReal<T>(JsonNode? node, out T value)
            where T : IFloatingPointIeee754<T>
        {
            if (TryNumber(node, out value))
            {
                return true;
            }

            string? text = node is JsonValue json && json.GetValueKind() == JsonValueKind.String ? json.GetValue<string>() : null;
            value = text switch
            {
                "NaN" => T.NaN,
                "Infinity" => T.PositiveInfinity,
                "-Infinity" => T.NegativeInfinity,
                _ => T.Zero,
            };
            return text is "NaN" or "Infinity" or "-Infinity";
        }

        private static bool TryBoolean(JsonNode? node, out bool value)
        {
            var kind = node?.GetValueKind();
            value = kind == JsonValueKind.True;
            return kind is JsonValueKind.True or JsonValueKind.False;
        }

        private static bool TryText(JsonNode? node, out ReadOnlyMemory<char> value)
        {
            bool ok = node is JsonValue json && json.GetValueKind() == JsonValueKind.String;
            value = ok ? node!.GetValue<string>().AsMemory() : default;
            return ok;
        }
    }

    private sealed class ScalarWriter(object value) : IItemVisitor<JsonNode?>
    {
        public JsonNode? Visit<T>(ItemCodec<T> codec) => value is T item ? codec.Encode(item) : null;
    }

    private sealed class VectorWriter(object value) : IItemVisitor<JsonNode?>
    {
        public JsonNode? Visit<T>(ItemCodec<T> codec)
        {
            if (value is not VBuffer<T> buffer)
            {
                return null;
            }

            var array = new JsonArray();
            foreach (var item in buffer.GetValues())
            {
                array.Add(codec.Encode(item));
            }

            return array;
        }
    }

    private sealed class ScalarReader(JsonNode? node, string entry, string at) : IItemVisitor<object>
    {
        public object Visit<T>(ItemCodec<T> codec)
            => codec.TryDecode(node, out var value) ? value! : throw ManifestJson.Expected(entry, at, codec.Description, node);
    }

    private sealed class VectorReader(JsonNode? node, int size, string entry, string at) : IItemVisitor<object>
    {
        public object Visit<T>(ItemCodec<T> codec)
        {
            var array = ManifestJson.Array(node, entry, at);
            if (size > 0 && array.Count != size)
            {
                throw new ModelFormatException(entry, $"{at}: expected {size} items as the type says, got {array.Count}.");
            }

            var values = new T[array.Count];
            for (int i = 0; i < values.Length; i++)
            {
                if (!codec.TryDecode(array[i], out values[i]))
                {
                    throw ManifestJson.Expected(entry, $"{at}[{i}]", codec.Description, array[i]);
                }
            }

            return new VBuffer<T>(values.Length, values);
        }
    }
}
