using System.Globalization;
using System.Numerics;

namespace MLNet.Recurrent.Data;

/// <summary>Parses one field; false when the text is not a valid value (blank fields are valid: missing).</summary>
/// <typeparam name="T">The item raw type.</typeparam>
/// <param name="field">The field's text.</param>
/// <param name="value">The value.</param>
/// <returns>Whether the text was valid.</returns>
internal delegate bool FieldParser<T>(ReadOnlyMemory<char> field, out T value);

/// <summary>
/// The parsers of each <see cref="DataKind"/>, with ML.NET's treatment of missing (blank or absent) fields:
/// Single/Double → 0, or NaN with MissingRealsAsNaNs ("?" and "NaN" are always NaN); integers → 0; keys → 0 (missing
/// key); Boolean → false; text → empty. Numbers use the invariant culture (with the chosen decimal marker) and allow
/// surrounding whitespace, a sign and an exponent; booleans accept true/false, t/f, yes/no, y/n, 1/0 and +1/−1 in
/// any case. A key field holds the 0-based index i &lt; count and loads as key i + 1.
/// </summary>
internal static class TextFieldParsers
{
    private static readonly string[] TrueWords = ["true", "t", "yes", "y", "1", "+1"];
    private static readonly string[] FalseWords = ["false", "f", "no", "n", "0", "-1"];

    /// <summary>The reader of column <paramref name="column"/> (validated) under <paramref name="options"/>.</summary>
    /// <param name="column">The column.</param>
    /// <param name="options">The loader settings.</param>
    /// <returns>The reader.</returns>
    public static TextColumnReader CreateReader(TextLoader.Column column, TextLoader.Options options)
    {
        var format = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        format.NumberDecimalSeparator = options.DecimalMarker.ToString();
        float missingSingle = options.MissingRealsAsNaNs ? float.NaN : 0f;
        double missingDouble = options.MissingRealsAsNaNs ? double.NaN : 0d;
        return column.DataKind switch
        {
            DataKind.Single => new TextColumnReader<float>(column, NumberDataViewType.Single, missingSingle, "a Single",
                (ReadOnlyMemory<char> f, out float v) => ParseReal(f.Span, missingSingle, format, out v)),
            DataKind.Double => new TextColumnReader<double>(column, NumberDataViewType.Double, missingDouble, "a Double",
                (ReadOnlyMemory<char> f, out double v) => ParseReal(f.Span, missingDouble, format, out v)),
            DataKind.Int32 => new TextColumnReader<int>(column, NumberDataViewType.Int32, 0, "an Int32",
                (ReadOnlyMemory<char> f, out int v) => f.Span.IsWhiteSpace() ? Missing(out v) : int.TryParse(f.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out v)),
            DataKind.Int64 => new TextColumnReader<long>(column, NumberDataViewType.Int64, 0, "an Int64",
                (ReadOnlyMemory<char> f, out long v) => f.Span.IsWhiteSpace() ? Missing(out v) : long.TryParse(f.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out v)),
            DataKind.UInt32 when column.KeyCount is { } keys => new TextColumnReader<uint>(column, new KeyDataViewType(typeof(uint), keys.Count), 0,
                $"a key index 0 … {keys.Count - 1}", (ReadOnlyMemory<char> f, out uint v) => ParseKey(f.Span, keys.Count, out v)),
            DataKind.UInt32 => new TextColumnReader<uint>(column, NumberDataViewType.UInt32, 0, "a UInt32",
                (ReadOnlyMemory<char> f, out uint v) => f.Span.IsWhiteSpace() ? Missing(out v) : uint.TryParse(f.Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out v)),
            DataKind.Boolean => new TextColumnReader<bool>(column, BooleanDataViewType.Instance, false, "a Boolean (true/false, t/f, yes/no, y/n, 1/0, +1/-1)",
                (ReadOnlyMemory<char> f, out bool v) => ParseBoolean(f.Span, out v)),
            _ => new TextColumnReader<ReadOnlyMemory<char>>(column, TextDataViewType.Instance, ReadOnlyMemory<char>.Empty, "text",
                (ReadOnlyMemory<char> f, out ReadOnlyMemory<char> v) =>
                {
                    v = f;
                    return true;
                }),
        };
    }

    private static bool Missing<T>(out T value)
    {
        value = default!;
        return true;
    }

    private static bool ParseReal<T>(ReadOnlySpan<char> text, T missing, NumberFormatInfo format, out T value)
        where T : struct, IFloatingPointIeee754<T>
    {
        var trimmed = text.Trim();
        if (trimmed.IsEmpty)
        {
            value = missing;
            return true;
        }

        if (trimmed is "?")
        {
            value = T.NaN;
            return true;
        }

        return T.TryParse(trimmed, NumberStyles.Float, format, out value);
    }

    private static bool ParseKey(ReadOnlySpan<char> text, ulong count, out uint value)
    {
        value = 0;
        if (text.IsWhiteSpace())
        {
            return true;
        }

        if (!ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong index) || index >= count)
        {
            return false;
        }

        value = (uint)(index + 1);
        return true;
    }

    private static bool ParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var trimmed = text.Trim();
        value = false;
        if (trimmed.IsEmpty || Matches(trimmed, FalseWords))
        {
            return true;
        }

        value = Matches(trimmed, TrueWords);
        return value;
    }

    private static bool Matches(ReadOnlySpan<char> text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
