using System.Globalization;
using System.Runtime.CompilerServices;
using MLNet.Recurrent.Data;
using MLNet.Recurrent.Persistence;

namespace MLNet.Recurrent.Transforms;

/// <summary>An operation generic over an item type chosen at run time (see <see cref="ItemTypes.Dispatch"/>).</summary>
/// <typeparam name="TResult">What it returns.</typeparam>
internal interface IItemTypeFunc<out TResult>
{
    /// <summary>Runs the operation for items of raw type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <returns>The result.</returns>
    TResult Invoke<T>()
        where T : notnull;
}

/// <summary>
/// The value item types the featurisers accept (text, booleans, numbers) and what they have in common: run-time
/// dispatch to generic code, missing values, equality and order, names in model files.
/// </summary>
internal static class ItemTypes
{
    /// <summary>The accepted value item types, in words, for error messages.</summary>
    public const string ValueTypesInWords = "String, Boolean or a number (Single, Double, Int32, Int64, UInt32)";

    private static readonly PrimitiveDataViewType[] ValueTypes =
    [
        TextDataViewType.Instance, BooleanDataViewType.Instance, NumberDataViewType.Single, NumberDataViewType.Double,
        NumberDataViewType.Int32, NumberDataViewType.Int64, NumberDataViewType.UInt32,
    ];

    /// <summary>Whether <paramref name="type"/> is a text, boolean or number item type.</summary>
    /// <param name="type">An item type.</param>
    /// <returns>True for the accepted value types.</returns>
    public static bool IsValue(DataViewType type) => type is NumberDataViewType or TextDataViewType or BooleanDataViewType;

    /// <summary>The item type of a scalar or vector column type.</summary>
    /// <param name="type">A column type.</param>
    /// <returns>The vector's item type, or <paramref name="type"/> itself.</returns>
    public static DataViewType ItemOf(DataViewType type) => type is VectorDataViewType vector ? vector.ItemType : type;

    /// <summary><paramref name="like"/>'s shape (scalar, or a vector of the same dimensions) with items of <paramref name="item"/>.</summary>
    /// <param name="like">A scalar or vector column type.</param>
    /// <param name="item">The new item type.</param>
    /// <returns>The new column type.</returns>
    public static DataViewType WithItem(DataViewType like, PrimitiveDataViewType item)
        => like is VectorDataViewType vector ? new VectorDataViewType(item, [.. vector.Dimensions]) : item;

    /// <summary>Runs <paramref name="func"/> for the raw type of <paramref name="itemType"/>.</summary>
    /// <typeparam name="TResult">What it returns.</typeparam>
    /// <param name="itemType">One of the accepted value types, or a key type (uint).</param>
    /// <param name="func">The generic operation.</param>
    /// <returns>Its result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An item type that is not accepted.</exception>
    public static TResult Dispatch<TResult>(DataViewType itemType, IItemTypeFunc<TResult> func)
    {
        var raw = itemType.RawType;
        return raw == typeof(ReadOnlyMemory<char>) ? func.Invoke<ReadOnlyMemory<char>>()
            : raw == typeof(float) ? func.Invoke<float>()
            : raw == typeof(double) ? func.Invoke<double>()
            : raw == typeof(int) ? func.Invoke<int>()
            : raw == typeof(long) ? func.Invoke<long>()
            : raw == typeof(uint) ? func.Invoke<uint>()
            : raw == typeof(bool) ? func.Invoke<bool>()
            : throw new ArgumentOutOfRangeException(nameof(itemType), itemType, $"{nameof(itemType)}: expected {ValueTypesInWords}, got {itemType}.");
    }

    /// <summary>The name of an accepted item type in model files (its <c>ToString</c>: "String", "Single", ...).</summary>
    /// <param name="type">An accepted item type.</param>
    /// <returns>The name.</returns>
    public static string NameOf(PrimitiveDataViewType type) => type.ToString() ?? "";

    /// <summary>The accepted item type named <paramref name="name"/> in a model file.</summary>
    /// <param name="name">A name written by <see cref="NameOf"/>.</param>
    /// <param name="path">The model part, for the error.</param>
    /// <returns>The item type.</returns>
    /// <exception cref="ModelFormatException">An unknown name.</exception>
    public static PrimitiveDataViewType FromName(string name, string path)
        => Array.Find(ValueTypes, t => NameOf(t) == name)
            ?? throw new ModelFormatException(path, $"unknown item type '{name}'; expected one of {string.Join(", ", ValueTypes.Select(NameOf))}.");

    /// <summary>Whether <paramref name="value"/> is a missing value: empty text or a floating-point NaN.</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>True when missing.</returns>
    public static bool IsMissing<T>(T value)
        => typeof(T) == typeof(ReadOnlyMemory<char>) ? Unsafe.As<T, ReadOnlyMemory<char>>(ref value).IsEmpty
            : typeof(T) == typeof(float) ? float.IsNaN(Unsafe.As<T, float>(ref value))
            : typeof(T) == typeof(double) && double.IsNaN(Unsafe.As<T, double>(ref value));

    /// <summary>The missing value of <typeparamref name="T"/>: NaN for floating point, empty text, otherwise the default.</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <returns>The missing value.</returns>
    public static T Missing<T>()
    {
        if (typeof(T) == typeof(float))
        {
            float nan = float.NaN;
            return Unsafe.As<float, T>(ref nan);
        }

        if (typeof(T) == typeof(double))
        {
            double nan = double.NaN;
            return Unsafe.As<double, T>(ref nan);
        }

        return default!;
    }

    /// <summary>A copy of <paramref name="value"/> the caller may keep: text is copied out of the reader's buffers.</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <param name="value">A value read from a getter.</param>
    /// <returns>A value that does not alias reader storage.</returns>
    public static T Own<T>(T value)
    {
        if (typeof(T) == typeof(ReadOnlyMemory<char>))
        {
            var owned = Unsafe.As<T, ReadOnlyMemory<char>>(ref value).ToString().AsMemory();
            return Unsafe.As<ReadOnlyMemory<char>, T>(ref owned);
        }

        return value;
    }

    /// <summary>Equality of items: by content for text, the default otherwise.</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <returns>The comparer.</returns>
    public static IEqualityComparer<T> EqualityComparer<T>()
        => typeof(T) == typeof(ReadOnlyMemory<char>) ? (IEqualityComparer<T>)(object)TextComparer.Instance : System.Collections.Generic.EqualityComparer<T>.Default;

    /// <summary>Order of items: ordinal for text, the default otherwise.</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <returns>The comparer.</returns>
    public static IComparer<T> Comparer<T>()
        => typeof(T) == typeof(ReadOnlyMemory<char>) ? (IComparer<T>)(object)TextComparer.Instance : System.Collections.Generic.Comparer<T>.Default;

    /// <summary>The text form of an item (invariant culture, round-trippable for numbers).</summary>
    /// <typeparam name="T">The item raw type.</typeparam>
    /// <param name="value">The item.</param>
    /// <returns>Its text.</returns>
    public static string ToText<T>(T value)
        => value is ReadOnlyMemory<char> text ? text.ToString()
            : value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture)
            : value?.ToString() ?? "";

    /// <summary>Compares text values by content (ordinal), so <see cref="ReadOnlyMemory{T}"/> can key dictionaries.</summary>
    private sealed class TextComparer : IEqualityComparer<ReadOnlyMemory<char>>, IComparer<ReadOnlyMemory<char>>
    {
        public static readonly TextComparer Instance = new();

        public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<char> obj) => string.GetHashCode(obj.Span);

        public int Compare(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceCompareTo(y.Span);
    }
}
